*&---------------------------------------------------------------------*
*& Report ZSD_ORDER_STATUS_REPORT
*&---------------------------------------------------------------------*
*& Sales order status overview for the order desk.
*&
*& Lists open sales orders of a sales organisation with their overall
*& processing, delivery and billing status, the net value per order and
*& the totals per sold-to party. Runs in dialog (ALV) and in background
*& (spool list) - the daily job ZSD_ORDER_STATUS_DAILY uses variant DAILY.
*&
*& Change log
*& 2009-03-12  JSCHMIDT  initial version (ticket ERP-1182)
*& 2011-07-04  MKELLER   delivery status added (ERP-2034)
*& 2014-11-20  JSCHMIDT  billing block column, sold-to totals (ERP-3310)
*&---------------------------------------------------------------------*
REPORT zsd_order_status_report MESSAGE-ID zsd LINE-SIZE 132.

INCLUDE zsd_order_status_top.

*----------------------------------------------------------------------*
* Selection screen
*----------------------------------------------------------------------*
SELECTION-SCREEN BEGIN OF BLOCK b01 WITH FRAME TITLE TEXT-b01.
SELECT-OPTIONS: s_vkorg FOR vbak-vkorg OBLIGATORY,
                s_vtweg FOR vbak-vtweg,
                s_spart FOR vbak-spart,
                s_auart FOR vbak-auart,
                s_erdat FOR vbak-erdat,
                s_kunnr FOR vbak-kunnr.
SELECTION-SCREEN END OF BLOCK b01.

SELECTION-SCREEN BEGIN OF BLOCK b02 WITH FRAME TITLE TEXT-b02.
PARAMETERS: p_open  AS CHECKBOX DEFAULT 'X',
            p_items AS CHECKBOX DEFAULT ' ',
            p_total AS CHECKBOX DEFAULT 'X'.
SELECTION-SCREEN END OF BLOCK b02.

SELECTION-SCREEN BEGIN OF BLOCK b03 WITH FRAME TITLE TEXT-b03.
PARAMETERS: p_alv  RADIOBUTTON GROUP out DEFAULT 'X',
            p_list RADIOBUTTON GROUP out.
SELECTION-SCREEN END OF BLOCK b03.

*----------------------------------------------------------------------*
INITIALIZATION.
*----------------------------------------------------------------------*
  PERFORM init_order_types.

*----------------------------------------------------------------------*
AT SELECTION-SCREEN.
*----------------------------------------------------------------------*
  PERFORM check_authority.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  PERFORM select_orders.
  IF gt_orders[] IS INITIAL.
    MESSAGE s001 WITH 'No sales orders found'(m01).
    RETURN.
  ENDIF.

  PERFORM read_header_status.

  IF p_items = 'X'.
    PERFORM read_item_status.
  ENDIF.

  IF p_total = 'X'.
    PERFORM compute_totals.
  ENDIF.

*----------------------------------------------------------------------*
END-OF-SELECTION.
*----------------------------------------------------------------------*
  IF gt_orders[] IS INITIAL.
    RETURN.
  ENDIF.

  IF p_alv = 'X' AND sy-batch IS INITIAL.
    PERFORM display_alv.
  ELSE.
    PERFORM write_list.
  ENDIF.

*----------------------------------------------------------------------*
TOP-OF-PAGE.
*----------------------------------------------------------------------*
  WRITE: / 'Sales order status'(h01), sy-datum, sy-uzeit.
  ULINE.
  WRITE: /1 'Order'(h02), 13 'Type'(h03), 19 'Created'(h04),
          31 'Sold-to'(h05), 43 'Net value'(h06), 63 'Curr.'(h07),
          70 'Overall'(h08), 80 'Delivery'(h09), 90 'Billing'(h10).
  ULINE.

INCLUDE zsd_order_status_f01.
