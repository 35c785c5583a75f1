*&---------------------------------------------------------------------*
*& Report ZMM_STOCK_OVERVIEW
*&---------------------------------------------------------------------*
*& Stock per plant and storage location with the date of the last goods
*& receipt and goods issue, for the monthly inventory meeting.
*&
*& Output: one line per material / plant / storage location, grouped by
*& material, with unrestricted, quality inspection and blocked stock,
*& batch stock if the material is batch managed, and the last movement
*& dates from the material documents.
*&---------------------------------------------------------------------*
REPORT zmm_stock_overview LINE-SIZE 170 NO STANDARD PAGE HEADING.

TABLES: mara, mard.

TYPES: BEGIN OF ty_stock,
         matnr    TYPE mard-matnr,
         werks    TYPE mard-werks,
         lgort    TYPE mard-lgort,
         labst    TYPE mard-labst,
         insme    TYPE mard-insme,
         speme    TYPE mard-speme,
         maktx    TYPE makt-maktx,
         meins    TYPE mara-meins,
         xchpf    TYPE mara-xchpf,
         last_gr  TYPE mkpf-budat,
         last_gi  TYPE mkpf-budat,
         batches  TYPE i,
       END OF ty_stock.

TYPES: BEGIN OF ty_movement,
         mblnr TYPE mseg-mblnr,
         mjahr TYPE mseg-mjahr,
         zeile TYPE mseg-zeile,
         matnr TYPE mseg-matnr,
         werks TYPE mseg-werks,
         lgort TYPE mseg-lgort,
         bwart TYPE mseg-bwart,
         shkzg TYPE mseg-shkzg,
         menge TYPE mseg-menge,
         budat TYPE mkpf-budat,
       END OF ty_movement.

DATA: gt_stock     TYPE STANDARD TABLE OF ty_stock,
      gt_movements TYPE STANDARD TABLE OF ty_movement,
      gt_batches   TYPE STANDARD TABLE OF mchb.

DATA: gv_matnr_prev(18) TYPE c,
      gv_lines          TYPE i.

FIELD-SYMBOLS: <gs_stock>    TYPE ty_stock,
               <gs_movement> TYPE ty_movement.

SELECT-OPTIONS: s_matnr FOR mara-matnr,
                s_mtart FOR mara-mtart,
                s_werks FOR mard-werks OBLIGATORY,
                s_lgort FOR mard-lgort.
PARAMETERS: p_histab TYPE tabname DEFAULT 'MARDH',
            p_days  TYPE i DEFAULT 90,
            p_zero  AS CHECKBOX DEFAULT ' ',
            p_batch AS CHECKBOX DEFAULT 'X'.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  PERFORM read_stock.
  PERFORM read_descriptions.
  IF p_batch = 'X'.
    PERFORM read_batches.
  ENDIF.
  PERFORM read_last_movements.
  PERFORM read_history_count.
  PERFORM write_list.

*&---------------------------------------------------------------------*
*& Form READ_STOCK
*&---------------------------------------------------------------------*
FORM read_stock.
  SELECT d~matnr d~werks d~lgort d~labst d~insme d~speme m~meins m~xchpf
    FROM mard AS d
    INNER JOIN mara AS m ON m~matnr = d~matnr
    INTO CORRESPONDING FIELDS OF TABLE gt_stock
    WHERE d~matnr IN s_matnr
      AND d~werks IN s_werks
      AND d~lgort IN s_lgort
      AND m~mtart IN s_mtart.

  IF p_zero IS INITIAL.
    DELETE gt_stock WHERE labst = 0 AND insme = 0 AND speme = 0.
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_DESCRIPTIONS
*&---------------------------------------------------------------------*
FORM read_descriptions.
  LOOP AT gt_stock ASSIGNING <gs_stock>.
    SELECT SINGLE maktx FROM makt INTO <gs_stock>-maktx
      WHERE matnr = <gs_stock>-matnr
        AND spras = sy-langu.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_BATCHES
*&---------------------------------------------------------------------*
FORM read_batches.
  CHECK gt_stock IS NOT INITIAL.

  SELECT * FROM mchb INTO TABLE gt_batches
    FOR ALL ENTRIES IN gt_stock
    WHERE matnr = gt_stock-matnr
      AND werks = gt_stock-werks
      AND lgort = gt_stock-lgort.

  SORT gt_batches BY matnr werks lgort charg.

  LOOP AT gt_stock ASSIGNING <gs_stock> WHERE xchpf = 'X'.
    LOOP AT gt_batches TRANSPORTING NO FIELDS
         WHERE matnr = <gs_stock>-matnr
           AND werks = <gs_stock>-werks
           AND lgort = <gs_stock>-lgort
           AND clabs > 0.
      <gs_stock>-batches = <gs_stock>-batches + 1.
    ENDLOOP.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_LAST_MOVEMENTS
*&---------------------------------------------------------------------*
*& Goods receipts (101, 501, 561) and goods issues (201, 261, 601) of
*& the last P_DAYS days, newest first per material.
*&---------------------------------------------------------------------*
FORM read_last_movements.
  DATA lv_from TYPE sy-datum.

  CHECK gt_stock IS NOT INITIAL.
  lv_from = sy-datum - p_days.

  SELECT s~mblnr s~mjahr s~zeile s~matnr s~werks s~lgort s~bwart s~shkzg s~menge k~budat
    FROM mseg AS s
    INNER JOIN mkpf AS k ON k~mblnr = s~mblnr AND k~mjahr = s~mjahr
    INTO TABLE gt_movements
    FOR ALL ENTRIES IN gt_stock
    WHERE s~matnr = gt_stock-matnr
      AND s~werks = gt_stock-werks
      AND s~lgort = gt_stock-lgort
      AND k~budat >= lv_from
      AND s~bwart IN ('101', '501', '561', '201', '261', '601').

  LOOP AT gt_movements ASSIGNING <gs_movement>.
    AT NEW matnr.
      CLEAR gv_lines.
    ENDAT.
    gv_lines = gv_lines + 1.

    READ TABLE gt_stock ASSIGNING <gs_stock>
      WITH KEY matnr = <gs_movement>-matnr
               werks = <gs_movement>-werks
               lgort = <gs_movement>-lgort.
    IF sy-subrc <> 0.
      CONTINUE.
    ENDIF.

    IF <gs_movement>-shkzg = 'S' AND <gs_movement>-budat > <gs_stock>-last_gr.
      <gs_stock>-last_gr = <gs_movement>-budat.
    ELSEIF <gs_movement>-shkzg = 'H' AND <gs_movement>-budat > <gs_stock>-last_gi.
      <gs_stock>-last_gi = <gs_movement>-budat.
    ENDIF.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form WRITE_LIST
*&---------------------------------------------------------------------*
FORM write_list.
  SORT gt_stock BY matnr werks lgort.

  LOOP AT gt_stock ASSIGNING <gs_stock>.
    IF <gs_stock>-matnr <> gv_matnr_prev.
      SKIP.
      FORMAT COLOR COL_HEADING.
      WRITE: / <gs_stock>-matnr, <gs_stock>-maktx.
      FORMAT COLOR OFF.
      gv_matnr_prev = <gs_stock>-matnr.
    ENDIF.

    WRITE: /5 <gs_stock>-werks,
           11 <gs_stock>-lgort,
           17 <gs_stock>-labst UNIT <gs_stock>-meins,
           37 <gs_stock>-insme UNIT <gs_stock>-meins,
           57 <gs_stock>-speme UNIT <gs_stock>-meins,
           77 <gs_stock>-meins,
           83 <gs_stock>-last_gr,
           95 <gs_stock>-last_gi.
    IF <gs_stock>-xchpf = 'X'.
      WRITE: 107 <gs_stock>-batches, 'batches'(b01).
    ENDIF.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_HISTORY_COUNT
*&---------------------------------------------------------------------*
*& Periods kept in the stock history table chosen on the selection
*& screen (storage location or batch history).
*&---------------------------------------------------------------------*
FORM read_history_count.
  DATA lv_periods TYPE i.
  SELECT COUNT(*) FROM (p_histab) INTO lv_periods
    WHERE matnr IN s_matnr
      AND werks IN s_werks.
  WRITE: / 'History periods:'(h01), lv_periods.
ENDFORM.
