*&---------------------------------------------------------------------*
*& Report ZSD_BILLING_EXPORT
*&---------------------------------------------------------------------*
*& Exports the billing documents of a posting period to the tax
*& reporting system (file interface, one header line "H" and one line
*& "I" per billing item, semicolon separated). Runs per company code at
*& the first working day of the month for the previous period. The
*& consolidation client 900 is read with CLIENT SPECIFIED for the
*& group-wide run (parameter P_GROUP).
*&---------------------------------------------------------------------*
REPORT zsd_billing_export.

TYPES: BEGIN OF ty_header,
         vbeln TYPE vbrk-vbeln,
         fkart TYPE vbrk-fkart,
         fkdat TYPE vbrk-fkdat,
         bukrs TYPE vbrk-bukrs,
         kunrg TYPE vbrk-kunrg,
         netwr TYPE vbrk-netwr,
         mwsbk TYPE vbrk-mwsbk,
         waerk TYPE vbrk-waerk,
         stceg TYPE vbrk-stceg,
       END OF ty_header.

TYPES: BEGIN OF ty_item,
         vbeln TYPE vbrp-vbeln,
         posnr TYPE vbrp-posnr,
         matnr TYPE vbrp-matnr,
         fkimg TYPE vbrp-fkimg,
         vrkme TYPE vbrp-vrkme,
         netwr TYPE vbrp-netwr,
         mwsbp TYPE vbrp-mwsbp,
         mwskz TYPE vbrp-mwskz,
       END OF ty_item.

* The tax system's file layout keeps the product code at its original 18 characters.
TYPES ty_product_code TYPE c LENGTH 18.

DATA: gt_headers TYPE STANDARD TABLE OF ty_header,
      gt_items   TYPE STANDARD TABLE OF ty_item,
      gt_lines   TYPE string_table,
      gv_file    TYPE string,
      gv_from    TYPE sy-datum,
      gv_to      TYPE sy-datum.

PARAMETERS: p_bukrs TYPE vbrk-bukrs OBLIGATORY,
            p_gjahr TYPE gjahr OBLIGATORY,
            p_monat TYPE monat OBLIGATORY,
            p_dir   TYPE string LOWER CASE DEFAULT '/interfaces/tax/out',
            p_group AS CHECKBOX DEFAULT ' '.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  PERFORM period_dates.
  PERFORM read_billing_documents.
  PERFORM build_lines.
  PERFORM write_file.

*&---------------------------------------------------------------------*
*& Form PERIOD_DATES
*&---------------------------------------------------------------------*
FORM period_dates.
  gv_from = |{ p_gjahr }{ p_monat }01|.
  CALL FUNCTION 'RP_LAST_DAY_OF_MONTHS'
    EXPORTING
      day_in            = gv_from
    IMPORTING
      last_day_of_month = gv_to
    EXCEPTIONS
      day_in_no_date    = 1
      OTHERS            = 2.
  IF sy-subrc <> 0.
    MESSAGE 'Invalid period'(e01) TYPE 'E'.
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_BILLING_DOCUMENTS
*&---------------------------------------------------------------------*
FORM read_billing_documents.
  IF p_group = 'X'.
    SELECT vbeln fkart fkdat bukrs kunrg netwr mwsbk waerk stceg
      FROM vbrk CLIENT SPECIFIED
      INTO TABLE gt_headers
      WHERE mandt = '900'
        AND bukrs = p_bukrs
        AND fkdat BETWEEN gv_from AND gv_to
        AND fksto = space
      ORDER BY vbeln.
  ELSE.
    SELECT vbeln fkart fkdat bukrs kunrg netwr mwsbk waerk stceg
      FROM vbrk
      INTO TABLE gt_headers
      WHERE bukrs = p_bukrs
        AND fkdat BETWEEN gv_from AND gv_to
        AND fksto = space
      ORDER BY vbeln.
  ENDIF.

  IF gt_headers IS INITIAL.
    MESSAGE 'No billing documents in the period'(i01) TYPE 'S'.
    LEAVE LIST-PROCESSING.
  ENDIF.

  SELECT vbeln posnr matnr fkimg vrkme netwr mwsbp mwskz
    FROM vbrp
    INTO TABLE gt_items
    FOR ALL ENTRIES IN gt_headers
    WHERE vbeln = gt_headers-vbeln.
  SORT gt_items BY vbeln posnr.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form BUILD_LINES
*&---------------------------------------------------------------------*
FORM build_lines.
  DATA lt_fields TYPE string_table.
  DATA lv_product_code TYPE ty_product_code.

  LOOP AT gt_headers INTO DATA(ls_header).
    CLEAR lt_fields.
    lt_fields = VALUE #( ( `H` )
                         ( zcl_erp_string_utils=>strip_leading_zeros( ls_header-vbeln ) )
                         ( CONV string( ls_header-fkart ) )
                         ( |{ ls_header-fkdat DATE = ISO }| )
                         ( zcl_erp_string_utils=>strip_leading_zeros( ls_header-kunrg ) )
                         ( CONV string( ls_header-stceg ) )
                         ( |{ ls_header-netwr DECIMALS = 2 }| )
                         ( |{ ls_header-mwsbk DECIMALS = 2 }| )
                         ( CONV string( ls_header-waerk ) ) ).
    APPEND zcl_erp_string_utils=>join_delimited( lt_fields ) TO gt_lines.

    " The tax system accepts letters, digits and blanks only; checked and kept as POSIX.
    DATA(lv_customer_name) = CONV string( ls_header-kunrg ).
    REPLACE ALL OCCURRENCES OF REGEX '[^[:alnum:] ]' IN lv_customer_name WITH ' ' ##REGEX_POSIX.

    LOOP AT gt_items INTO DATA(ls_item) WHERE vbeln = ls_header-vbeln.
      CLEAR lt_fields.
      lv_product_code = ls_item-matnr.
      lt_fields = VALUE #( ( `I` )
                           ( CONV string( ls_item-posnr ) )
                           ( CONV string( lv_product_code ) )
                           ( |{ ls_item-fkimg DECIMALS = 3 }| )
                           ( CONV string( ls_item-vrkme ) )
                           ( |{ ls_item-netwr DECIMALS = 2 }| )
                           ( |{ ls_item-mwsbp DECIMALS = 2 }| )
                           ( CONV string( ls_item-mwskz ) ) ).
      APPEND zcl_erp_string_utils=>join_delimited( lt_fields ) TO gt_lines.
    ENDLOOP.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form WRITE_FILE
*&---------------------------------------------------------------------*
FORM write_file.
  gv_file = |{ p_dir }/billing_{ p_bukrs }_{ p_gjahr }{ p_monat }.csv|.

  OPEN DATASET gv_file FOR OUTPUT IN TEXT MODE ENCODING UTF-8.
  IF sy-subrc <> 0.
    MESSAGE |File { gv_file } cannot be opened| TYPE 'E'.
  ENDIF.

  LOOP AT gt_lines INTO DATA(lv_line).
    TRANSFER lv_line TO gv_file.
  ENDLOOP.

  CLOSE DATASET gv_file.
  WRITE: / 'File written:'(r01), gv_file,
         / 'Lines:'(r02), lines( gt_lines ).
ENDFORM.
