*"* use this source file for your ABAP unit test classes
CLASS ltc_payment_proposal DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    CONSTANTS c_run_date TYPE d VALUE '20240610'.
    CONSTANTS c_next_run TYPE d VALUE '20240617'.

    DATA mo_cut TYPE REF TO zcl_fi_payment_proposal.

    METHODS setup.
    METHODS item
      IMPORTING
        iv_baseline    TYPE d
        iv_days1       TYPE dzbd1t DEFAULT 14
        iv_percent1    TYPE dzbd1p DEFAULT 2
        iv_days2       TYPE dzbd2t DEFAULT 30
        iv_amount      TYPE wrbtr DEFAULT 1000
        iv_block       TYPE dzlspr OPTIONAL
        iv_lifnr       TYPE lifnr DEFAULT '0000100001'
      RETURNING
        VALUE(rs_item) TYPE zcl_fi_payment_proposal=>ty_item.

    METHODS discount_taken_when_in_period FOR TESTING.
    METHODS not_due_without_discount_waits FOR TESTING.
    METHODS due_before_next_run_is_paid FOR TESTING.
    METHODS payment_block_is_respected FOR TESTING.
    METHODS blocked_vendor_is_skipped FOR TESTING.
    METHODS totals_per_vendor FOR TESTING.
    METHODS net_due_date_uses_longest_term FOR TESTING.
ENDCLASS.


CLASS ltc_payment_proposal IMPLEMENTATION.

  METHOD setup.
    mo_cut = NEW #( iv_run_date      = c_run_date
                    iv_next_run_date = c_next_run
                    it_blocked       = VALUE #( ( '0000100099' ) ) ).
  ENDMETHOD.


  METHOD item.
    rs_item = VALUE #( bukrs = '1000'
                       lifnr = iv_lifnr
                       belnr = '5100000001'
                       gjahr = '2024'
                       buzei = '001'
                       zfbdt = iv_baseline
                       zbd1t = iv_days1
                       zbd1p = iv_percent1
                       zbd2t = iv_days2
                       zlspr = iv_block
                       wrbtr = iv_amount
                       waers = 'EUR' ).
  ENDMETHOD.


  METHOD discount_taken_when_in_period.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240601' ) ) ) ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_payments ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lt_payments[ 1 ]-discount exp = '20.00' ).
    cl_abap_unit_assert=>assert_equals( act = lt_payments[ 1 ]-amount exp = '980.00' ).
  ENDMETHOD.


  METHOD not_due_without_discount_waits.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240609' iv_percent1 = 0 ) ) ) ).

    cl_abap_unit_assert=>assert_initial( lt_payments ).
  ENDMETHOD.


  METHOD due_before_next_run_is_paid.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240501' iv_percent1 = 0 ) ) ) ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_payments ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lt_payments[ 1 ]-discount exp = 0 ).
  ENDMETHOD.


  METHOD payment_block_is_respected.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240501' iv_block = 'A' ) ) ) ).

    cl_abap_unit_assert=>assert_initial( lt_payments ).
  ENDMETHOD.


  METHOD blocked_vendor_is_skipped.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240501' iv_lifnr = '0000100099' ) ) ) ).

    cl_abap_unit_assert=>assert_initial( lt_payments ).
  ENDMETHOD.


  METHOD totals_per_vendor.
    DATA(lt_payments) = mo_cut->propose( VALUE #( ( item( iv_baseline = '20240601' iv_amount = 100 ) )
                                                  ( item( iv_baseline = '20240601' iv_amount = 200 ) )
                                                  ( item( iv_baseline = '20240601' iv_amount = 50 iv_lifnr = '0000100002' ) ) ) ).

    DATA(lt_totals) = mo_cut->totals( lt_payments ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_totals ) exp = 2 ).
    cl_abap_unit_assert=>assert_equals( act = lt_totals[ lifnr = '0000100001' waers = 'EUR' ]-amount exp = '294.00' ).
    cl_abap_unit_assert=>assert_equals( act = lt_totals[ lifnr = '0000100001' waers = 'EUR' ]-items exp = 2 ).
  ENDMETHOD.


  METHOD net_due_date_uses_longest_term.
    DATA(lv_date) = zcl_fi_payment_proposal=>net_due_date( item( iv_baseline = '20240601' iv_days2 = 45 ) ).

    cl_abap_unit_assert=>assert_equals( act = lv_date exp = '20240716' ).
  ENDMETHOD.

ENDCLASS.
