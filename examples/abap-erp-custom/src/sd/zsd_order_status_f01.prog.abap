*&---------------------------------------------------------------------*
*& Include ZSD_ORDER_STATUS_F01
*& Subroutines of ZSD_ORDER_STATUS_REPORT
*&---------------------------------------------------------------------*

*&---------------------------------------------------------------------*
*& Form INIT_ORDER_TYPES
*&---------------------------------------------------------------------*
*& Standard orders, rush orders and the customer's own order types.
*&---------------------------------------------------------------------*
FORM init_order_types.
  REFRESH r_auart.
  r_auart-sign = 'I'.
  r_auart-option = 'EQ'.
  r_auart-low = 'TA'.
  APPEND r_auart.
  r_auart-low = 'SO'.
  APPEND r_auart.
  r_auart-low = 'ZOR'.
  APPEND r_auart.
  r_auart-low = 'ZRUS'.
  APPEND r_auart.

  IF s_auart[] IS INITIAL.
    s_auart[] = r_auart[].
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form CHECK_AUTHORITY
*&---------------------------------------------------------------------*
FORM check_authority.
  DATA lv_vkorg TYPE vbak-vkorg.

  SELECT vkorg FROM tvko INTO lv_vkorg WHERE vkorg IN s_vkorg.
    AUTHORITY-CHECK OBJECT 'V_VBAK_VKO'
      ID 'VKORG' FIELD lv_vkorg
      ID 'VTWEG' DUMMY
      ID 'SPART' DUMMY
      ID 'ACTVT' FIELD '03'.
    IF sy-subrc <> 0.
      MESSAGE e002 WITH lv_vkorg.
    ENDIF.
  ENDSELECT.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form SELECT_ORDERS
*&---------------------------------------------------------------------*
FORM select_orders.
  REFRESH gt_orders.

  SELECT vbeln auart erdat kunnr netwr waerk faksk
    FROM vbak
    INTO CORRESPONDING FIELDS OF TABLE gt_orders
    WHERE vkorg IN s_vkorg
      AND vtweg IN s_vtweg
      AND spart IN s_spart
      AND auart IN s_auart
      AND erdat IN s_erdat
      AND kunnr IN s_kunnr.

  DESCRIBE TABLE gt_orders LINES gv_order_count.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_HEADER_STATUS
*&---------------------------------------------------------------------*
*& Reads the document status of all selected orders in one go and
*& merges it into GT_ORDERS. Orders that are completely processed are
*& dropped when only open orders were requested.
*&---------------------------------------------------------------------*
FORM read_header_status.
  CHECK NOT gt_orders[] IS INITIAL.

  SELECT * FROM vbuk INTO TABLE gt_status
    FOR ALL ENTRIES IN gt_orders
    WHERE vbeln = gt_orders-vbeln.

  LOOP AT gt_orders.
    READ TABLE gt_status WITH KEY vbeln = gt_orders-vbeln BINARY SEARCH.
    IF sy-subrc = 0.
      MOVE gt_status-gbstk TO gt_orders-gbstk.
      MOVE gt_status-lfstk TO gt_orders-lfstk.
      MOVE gt_status-fkstk TO gt_orders-fkstk.
    ENDIF.

    IF p_open = 'X' AND gt_orders-gbstk = gc_status_complete.
      DELETE gt_orders.
      CONTINUE.
    ENDIF.

    IF gt_orders-gbstk <> gc_status_complete.
      ADD 1 TO gv_open_count.
    ENDIF.
    MODIFY gt_orders.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_ITEM_STATUS
*&---------------------------------------------------------------------*
FORM read_item_status.
  REFRESH gt_item_status.

  LOOP AT gt_orders.
    SELECT vbeln posnr gbsta lfsta fksta
      FROM vbup
      APPENDING TABLE gt_item_status
      WHERE vbeln = gt_orders-vbeln.
  ENDLOOP.

  SORT gt_item_status BY vbeln posnr.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form COMPUTE_TOTALS
*&---------------------------------------------------------------------*
FORM compute_totals.
  CLEAR: gv_total_netwr, gv_average.
  REFRESH gt_totals.

  LOOP AT gt_orders.
    ADD gt_orders-netwr TO gv_total_netwr.

    CLEAR gs_total.
    gs_total-kunnr = gt_orders-kunnr.
    gs_total-waerk = gt_orders-waerk.
    gs_total-netwr = gt_orders-netwr.
    gs_total-orders = 1.
    COLLECT gs_total INTO gt_totals.
  ENDLOOP.

  IF gv_order_count > 0.
    COMPUTE gv_average = gv_total_netwr / gv_order_count.
  ENDIF.

  SORT gt_totals BY netwr DESCENDING.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form DISPLAY_ALV
*&---------------------------------------------------------------------*
FORM display_alv.
  DATA: lo_columns   TYPE REF TO cl_salv_columns_table,
        lo_column    TYPE REF TO cl_salv_column,
        lo_functions TYPE REF TO cl_salv_functions_list,
        lx_salv      TYPE REF TO cx_salv_error.

  TRY.
      cl_salv_table=>factory(
        IMPORTING
          r_salv_table = go_alv
        CHANGING
          t_table      = gt_orders[] ).
    CATCH cx_salv_msg INTO DATA(lx_msg).
      MESSAGE lx_msg TYPE 'E'.
  ENDTRY.

  lo_functions = go_alv->get_functions( ).
  lo_functions->set_all( abap_true ).

  lo_columns = go_alv->get_columns( ).
  lo_columns->set_optimize( abap_true ).

  TRY.
      lo_column = lo_columns->get_column( 'GBSTK' ).
      lo_column->set_short_text( 'Overall'(c01) ).
      lo_column = lo_columns->get_column( 'LFSTK' ).
      lo_column->set_short_text( 'Delivery'(c02) ).
      lo_column = lo_columns->get_column( 'FKSTK' ).
      lo_column->set_short_text( 'Billing'(c03) ).
    CATCH cx_salv_not_found INTO lx_salv.
      MESSAGE lx_salv TYPE 'I'.
  ENDTRY.

  go_alv->display( ).
ENDFORM.

*&---------------------------------------------------------------------*
*& Form WRITE_LIST
*&---------------------------------------------------------------------*
FORM write_list.
  LOOP AT gt_orders.
    WRITE: /1 gt_orders-vbeln,
           13 gt_orders-auart,
           19 gt_orders-erdat,
           31 gt_orders-kunnr,
           43 gt_orders-netwr CURRENCY gt_orders-waerk,
           63 gt_orders-waerk,
           72 gt_orders-gbstk,
           82 gt_orders-lfstk,
           92 gt_orders-fkstk.
    IF gt_orders-faksk IS NOT INITIAL.
      WRITE 100 'Billing block'(l01) COLOR COL_NEGATIVE.
    ENDIF.
  ENDLOOP.

  IF p_total = 'X'.
    SKIP.
    ULINE.
    WRITE: / 'Orders:'(l02), gv_order_count,
           / 'Open orders:'(l03), gv_open_count,
           / 'Total net value:'(l04), gv_total_netwr,
           / 'Average per order:'(l05), gv_average.
    SKIP.
    LOOP AT gt_totals INTO gs_total.
      WRITE: / gs_total-kunnr, gs_total-orders, gs_total-netwr CURRENCY gs_total-waerk, gs_total-waerk.
    ENDLOOP.
  ENDIF.
ENDFORM.
