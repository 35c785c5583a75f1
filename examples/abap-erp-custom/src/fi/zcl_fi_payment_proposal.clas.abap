"! <p class="shorttext synchronized">Payment proposal for the weekly vendor payment run</p>
"! Decides for each open vendor item whether to pay it in this run and
"! with which cash discount: an item is paid if it is due before the
"! next run or if paying now still earns the first cash discount. Items
"! of blocked vendors and items with a payment block are never paid.
"! The class works on items handed in, so the rules are unit tested
"! without a database.
CLASS zcl_fi_payment_proposal DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_item,
        bukrs TYPE bukrs,
        lifnr TYPE lifnr,
        belnr TYPE belnr_d,
        gjahr TYPE gjahr,
        buzei TYPE buzei,
        zfbdt TYPE dzfbdt,
        zbd1t TYPE dzbd1t,
        zbd1p TYPE dzbd1p,
        zbd2t TYPE dzbd2t,
        zbd2p TYPE dzbd2p,
        zbd3t TYPE dzbd3t,
        zlspr TYPE dzlspr,
        wrbtr TYPE wrbtr,
        waers TYPE waers,
      END OF ty_item,
      ty_items TYPE STANDARD TABLE OF ty_item WITH EMPTY KEY,
      BEGIN OF ty_payment,
        bukrs    TYPE bukrs,
        lifnr    TYPE lifnr,
        belnr    TYPE belnr_d,
        gjahr    TYPE gjahr,
        buzei    TYPE buzei,
        due_date TYPE d,
        discount TYPE wrbtr,
        amount   TYPE wrbtr,
        waers    TYPE waers,
      END OF ty_payment,
      ty_payments TYPE STANDARD TABLE OF ty_payment WITH EMPTY KEY,
      BEGIN OF ty_vendor_total,
        lifnr  TYPE lifnr,
        waers  TYPE waers,
        amount TYPE wrbtr,
        items  TYPE i,
      END OF ty_vendor_total,
      ty_vendor_totals TYPE SORTED TABLE OF ty_vendor_total WITH UNIQUE KEY lifnr waers,
      ty_lifnr_set TYPE SORTED TABLE OF lifnr WITH UNIQUE KEY table_line.

    METHODS constructor
      IMPORTING
        iv_run_date      TYPE d
        iv_next_run_date TYPE d
        it_blocked       TYPE ty_lifnr_set OPTIONAL.

    "! Items to pay in this run, with discount and payment amount.
    METHODS propose
      IMPORTING
        it_items           TYPE ty_items
      RETURNING
        VALUE(rt_payments) TYPE ty_payments.

    "! Payment amounts summed per vendor and currency.
    METHODS totals
      IMPORTING
        it_payments      TYPE ty_payments
      RETURNING
        VALUE(rt_totals) TYPE ty_vendor_totals.

    "! Net due date: baseline date plus the longest payment term.
    CLASS-METHODS net_due_date
      IMPORTING
        is_item        TYPE ty_item
      RETURNING
        VALUE(rv_date) TYPE d.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mv_run_date TYPE d.
    DATA mv_next_run_date TYPE d.
    DATA mt_blocked TYPE ty_lifnr_set.

    METHODS discount_rate
      IMPORTING
        is_item        TYPE ty_item
      RETURNING
        VALUE(rv_rate) TYPE dzbd1p.
ENDCLASS.



CLASS zcl_fi_payment_proposal IMPLEMENTATION.

  METHOD constructor.
    mv_run_date = iv_run_date.
    mv_next_run_date = iv_next_run_date.
    mt_blocked = it_blocked.
  ENDMETHOD.


  METHOD propose.
    LOOP AT it_items INTO DATA(ls_item).
      IF ls_item-zlspr IS NOT INITIAL OR line_exists( mt_blocked[ table_line = ls_item-lifnr ] ).
        CONTINUE.
      ENDIF.

      DATA(lv_rate) = discount_rate( ls_item ).
      DATA(lv_due) = net_due_date( ls_item ).

      " Pay now if it would be overdue at the next run, or if waiting
      " would lose a cash discount that is still available today.
      IF lv_due >= mv_next_run_date AND lv_rate IS INITIAL.
        CONTINUE.
      ENDIF.

      DATA(lv_discount) = CONV wrbtr( ls_item-wrbtr * lv_rate / 100 ).
      APPEND VALUE #( bukrs    = ls_item-bukrs
                      lifnr    = ls_item-lifnr
                      belnr    = ls_item-belnr
                      gjahr    = ls_item-gjahr
                      buzei    = ls_item-buzei
                      due_date = lv_due
                      discount = lv_discount
                      amount   = ls_item-wrbtr - lv_discount
                      waers    = ls_item-waers ) TO rt_payments.
    ENDLOOP.
  ENDMETHOD.


  METHOD totals.
    LOOP AT it_payments INTO DATA(ls_payment).
      READ TABLE rt_totals ASSIGNING FIELD-SYMBOL(<ls_total>)
        WITH TABLE KEY lifnr = ls_payment-lifnr waers = ls_payment-waers.
      IF sy-subrc <> 0.
        INSERT VALUE #( lifnr = ls_payment-lifnr waers = ls_payment-waers ) INTO TABLE rt_totals ASSIGNING <ls_total>.
      ENDIF.
      <ls_total>-amount = <ls_total>-amount + ls_payment-amount.
      <ls_total>-items = <ls_total>-items + 1.
    ENDLOOP.
  ENDMETHOD.


  METHOD net_due_date.
    DATA(lv_days) = nmax( val1 = is_item-zbd1t val2 = is_item-zbd2t val3 = is_item-zbd3t ).
    rv_date = is_item-zfbdt + lv_days.
  ENDMETHOD.


  METHOD discount_rate.
    IF is_item-zbd1p IS NOT INITIAL AND mv_run_date <= is_item-zfbdt + is_item-zbd1t.
      rv_rate = is_item-zbd1p.
    ELSEIF is_item-zbd2p IS NOT INITIAL AND mv_run_date <= is_item-zfbdt + is_item-zbd2t.
      rv_rate = is_item-zbd2p.
    ENDIF.
  ENDMETHOD.

ENDCLASS.
