*&---------------------------------------------------------------------*
*& Report ZFI_OPEN_ITEMS_REPORT
*&---------------------------------------------------------------------*
*& Open and cleared items of customers and vendors per company code at
*& a key date, with an ageing split (not due, 1-30, 31-60, 61-90, >90
*& days overdue). Used by credit management and for the month-end
*& reconciliation of the reconciliation accounts.
*&---------------------------------------------------------------------*
REPORT zfi_open_items_report LINE-SIZE 180.

TABLES: bsid, bsik.

TYPES: BEGIN OF ty_item,
         koart TYPE c LENGTH 1,
         bukrs TYPE bsid-bukrs,
         konto TYPE bsid-kunnr,
         belnr TYPE bsid-belnr,
         gjahr TYPE bsid-gjahr,
         buzei TYPE bsid-buzei,
         budat TYPE bsid-budat,
         zfbdt TYPE bsid-zfbdt,
         zbd1t TYPE bsid-zbd1t,
         shkzg TYPE bsid-shkzg,
         dmbtr TYPE bsid-dmbtr,
         augdt TYPE bsid-augdt,
       END OF ty_item.

TYPES: BEGIN OF ty_ageing,
         koart    TYPE c LENGTH 1,
         bukrs    TYPE bsid-bukrs,
         konto    TYPE bsid-kunnr,
         not_due  TYPE bsid-dmbtr,
         days_30  TYPE bsid-dmbtr,
         days_60  TYPE bsid-dmbtr,
         days_90  TYPE bsid-dmbtr,
         over_90  TYPE bsid-dmbtr,
         total    TYPE bsid-dmbtr,
       END OF ty_ageing.

DATA: gt_items   TYPE STANDARD TABLE OF ty_item,
      gt_cleared TYPE STANDARD TABLE OF ty_item,
      gt_ageing  TYPE STANDARD TABLE OF ty_ageing,
      gs_ageing  TYPE ty_ageing,
      gt_accounts TYPE STANDARD TABLE OF bsid-kunnr.

RANGES: r_kunnr FOR bsid-kunnr,
        r_lifnr FOR bsik-lifnr.

SELECT-OPTIONS: s_bukrs FOR bsid-bukrs OBLIGATORY,
                s_kunnr FOR bsid-kunnr,
                s_lifnr FOR bsik-lifnr.
PARAMETERS: p_stida TYPE sy-datum DEFAULT sy-datum OBLIGATORY,
            p_cust  AS CHECKBOX DEFAULT 'X',
            p_vend  AS CHECKBOX DEFAULT 'X',
            p_clear AS CHECKBOX DEFAULT ' ',
            p_credit AS CHECKBOX DEFAULT ' '.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  r_kunnr[] = s_kunnr[].
  r_lifnr[] = s_lifnr[].

  IF p_cust = 'X'.
    PERFORM read_customer_items.
  ENDIF.
  IF p_vend = 'X'.
    PERFORM read_vendor_items.
  ENDIF.
  IF p_clear = 'X'.
    PERFORM read_cleared_after_key_date.
  ENDIF.

  PERFORM build_ageing.
  PERFORM list_accounts.
  PERFORM write_ageing.

  " Credit management asks for the credit overview of the same customers after the ageing list.
  IF p_credit = 'X' AND p_cust = 'X'.
    SUBMIT rfdkli40 WITH kunnr IN s_kunnr AND RETURN.
  ENDIF.

*&---------------------------------------------------------------------*
*& Form READ_CUSTOMER_ITEMS
*&---------------------------------------------------------------------*
FORM read_customer_items.
  DATA lt_items TYPE STANDARD TABLE OF ty_item.

  SELECT bukrs kunnr AS konto belnr gjahr buzei budat zfbdt zbd1t shkzg dmbtr augdt
    FROM bsid
    INTO CORRESPONDING FIELDS OF TABLE lt_items
    WHERE bukrs IN s_bukrs
      AND kunnr IN r_kunnr
      AND budat <= p_stida.

  LOOP AT lt_items ASSIGNING FIELD-SYMBOL(<ls_item>).
    <ls_item>-koart = 'D'.
  ENDLOOP.
  APPEND LINES OF lt_items TO gt_items.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_VENDOR_ITEMS
*&---------------------------------------------------------------------*
FORM read_vendor_items.
  DATA lt_items TYPE STANDARD TABLE OF ty_item.

  SELECT bukrs lifnr AS konto belnr gjahr buzei budat zfbdt zbd1t shkzg dmbtr augdt
    FROM bsik
    INTO CORRESPONDING FIELDS OF TABLE lt_items
    WHERE bukrs IN s_bukrs
      AND lifnr IN r_lifnr
      AND budat <= p_stida.

  LOOP AT lt_items ASSIGNING FIELD-SYMBOL(<ls_item>).
    <ls_item>-koart = 'K'.
  ENDLOOP.
  APPEND LINES OF lt_items TO gt_items.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_CLEARED_AFTER_KEY_DATE
*&---------------------------------------------------------------------*
*& Items posted before the key date but cleared after it were open at
*& the key date and belong into the ageing as well.
*&---------------------------------------------------------------------*
FORM read_cleared_after_key_date.
  REFRESH gt_cleared.

  IF p_cust = 'X'.
    SELECT bukrs kunnr AS konto belnr gjahr buzei budat zfbdt zbd1t shkzg dmbtr augdt
      FROM bsad
      APPENDING CORRESPONDING FIELDS OF TABLE gt_cleared
      WHERE bukrs IN s_bukrs
        AND kunnr IN r_kunnr
        AND budat <= p_stida
        AND augdt > p_stida.
  ENDIF.

  IF p_vend = 'X'.
    SELECT bukrs lifnr AS konto belnr gjahr buzei budat zfbdt zbd1t shkzg dmbtr augdt
      FROM bsak
      APPENDING CORRESPONDING FIELDS OF TABLE gt_cleared
      WHERE bukrs IN s_bukrs
        AND lifnr IN r_lifnr
        AND budat <= p_stida
        AND augdt > p_stida.
  ENDIF.

  APPEND LINES OF gt_cleared TO gt_items.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form BUILD_AGEING
*&---------------------------------------------------------------------*
FORM build_ageing.
  DATA: lv_due     TYPE sy-datum,
        lv_overdue TYPE i,
        lv_amount  TYPE bsid-dmbtr.

  LOOP AT gt_items ASSIGNING FIELD-SYMBOL(<ls_item>).
    CLEAR gs_ageing.
    gs_ageing-koart = <ls_item>-koart.
    gs_ageing-bukrs = <ls_item>-bukrs.
    gs_ageing-konto = <ls_item>-konto.

    lv_amount = <ls_item>-dmbtr.
    IF <ls_item>-shkzg = 'H'.
      lv_amount = - lv_amount.
    ENDIF.

    lv_due = <ls_item>-zfbdt + <ls_item>-zbd1t.
    lv_overdue = p_stida - lv_due.

    IF lv_overdue <= 0.
      gs_ageing-not_due = lv_amount.
    ELSEIF lv_overdue <= 30.
      gs_ageing-days_30 = lv_amount.
    ELSEIF lv_overdue <= 60.
      gs_ageing-days_60 = lv_amount.
    ELSEIF lv_overdue <= 90.
      gs_ageing-days_90 = lv_amount.
    ELSE.
      gs_ageing-over_90 = lv_amount.
    ENDIF.
    gs_ageing-total = lv_amount.

    COLLECT gs_ageing INTO gt_ageing.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form LIST_ACCOUNTS
*&---------------------------------------------------------------------*
*& Accounts with open items, each once, for the dunning preview.
*&---------------------------------------------------------------------*
FORM list_accounts.
  SELECT kunnr FROM bsid INTO TABLE gt_accounts
    WHERE bukrs IN s_bukrs
      AND kunnr IN r_kunnr.

  DELETE ADJACENT DUPLICATES FROM gt_accounts.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form WRITE_AGEING
*&---------------------------------------------------------------------*
FORM write_ageing.
  SORT gt_ageing BY koart bukrs konto.

  WRITE: / 'Ageing at'(h01), p_stida.
  ULINE.
  WRITE: /1 'Type'(h02), 6 'CoCd'(h03), 12 'Account'(h04),
          24 'Not due'(h05), 44 '1-30'(h06), 64 '31-60'(h07),
          84 '61-90'(h08), 104 '> 90'(h09), 124 'Total'(h10).
  ULINE.

  LOOP AT gt_ageing INTO gs_ageing.
    WRITE: /1 gs_ageing-koart,
            6 gs_ageing-bukrs,
           12 gs_ageing-konto,
           24 gs_ageing-not_due,
           44 gs_ageing-days_30,
           64 gs_ageing-days_60,
           84 gs_ageing-days_90,
          104 gs_ageing-over_90,
          124 gs_ageing-total.
    IF gs_ageing-over_90 > 0.
      WRITE 145 '!' COLOR COL_NEGATIVE.
    ENDIF.
  ENDLOOP.

  SKIP.
  WRITE: / 'Accounts with open items:'(f01), lines( gt_accounts ).
ENDFORM.
