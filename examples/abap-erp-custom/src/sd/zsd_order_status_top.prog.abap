*&---------------------------------------------------------------------*
*& Include ZSD_ORDER_STATUS_TOP
*& Global data of ZSD_ORDER_STATUS_REPORT
*&---------------------------------------------------------------------*
TABLES: vbak, vbuk.

TYPE-POOLS: slis.

* One line per sales order
DATA: BEGIN OF gt_orders OCCURS 0,
        vbeln TYPE vbak-vbeln,
        auart TYPE vbak-auart,
        erdat TYPE vbak-erdat,
        kunnr TYPE vbak-kunnr,
        netwr TYPE vbak-netwr,
        waerk TYPE vbak-waerk,
        gbstk TYPE vbuk-gbstk,
        lfstk TYPE vbuk-lfstk,
        fkstk TYPE vbuk-fkstk,
        faksk TYPE vbak-faksk,
      END OF gt_orders.

* Header status as read from VBUK
DATA gt_status TYPE STANDARD TABLE OF vbuk WITH HEADER LINE.

* Item status as read from VBUP
DATA: BEGIN OF gt_item_status OCCURS 0,
        vbeln TYPE vbup-vbeln,
        posnr TYPE vbup-posnr,
        gbsta TYPE vbup-gbsta,
        lfsta TYPE vbup-lfsta,
        fksta TYPE vbup-fksta,
      END OF gt_item_status.

* Totals per sold-to party
TYPES: BEGIN OF ty_total,
         kunnr  TYPE vbak-kunnr,
         waerk  TYPE vbak-waerk,
         netwr  TYPE vbak-netwr,
         orders TYPE i,
       END OF ty_total.
DATA gt_totals TYPE STANDARD TABLE OF ty_total.
DATA gs_total TYPE ty_total.

RANGES: r_auart FOR vbak-auart.

DATA: gv_total_netwr TYPE vbak-netwr,
      gv_order_count TYPE i,
      gv_average     TYPE vbak-netwr,
      gv_open_count  TYPE i.

DATA go_alv TYPE REF TO cl_salv_table.

CONSTANTS: gc_status_open     TYPE vbuk-gbstk VALUE 'A',
           gc_status_partial  TYPE vbuk-gbstk VALUE 'B',
           gc_status_complete TYPE vbuk-gbstk VALUE 'C'.
