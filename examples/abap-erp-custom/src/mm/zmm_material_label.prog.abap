*&---------------------------------------------------------------------*
*& Report ZMM_MATERIAL_LABEL
*&---------------------------------------------------------------------*
*& Prints shelf labels for materials of a storage location on the label
*& printer of the warehouse (format 100 x 50 mm, one label per line of
*& output). The label carries the material number in clear text and as
*& a 18 digit barcode field, the short text, the base unit and the bin.
*&---------------------------------------------------------------------*
REPORT zmm_material_label NO STANDARD PAGE HEADING LINE-SIZE 80.

CONSTANTS gc_display_tcode TYPE sy-tcode VALUE 'MB03'.

TYPES: BEGIN OF ty_label,
         matnr(18) TYPE c,
         maktx     TYPE makt-maktx,
         meins     TYPE mara-meins,
         lgpbe     TYPE mard-lgpbe,
         barcode   TYPE c LENGTH 18,
       END OF ty_label.

DATA: gt_labels TYPE STANDARD TABLE OF ty_label,
      gs_label  TYPE ty_label.

DATA: gv_material_no TYPE c LENGTH 18,
      gv_count       TYPE i.

PARAMETERS: p_werks TYPE mard-werks OBLIGATORY,
            p_lgort TYPE mard-lgort OBLIGATORY,
            p_mat   TYPE mara-matnr,
            p_copy  TYPE i DEFAULT 1.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  PERFORM collect_labels.
  PERFORM print_labels.

*----------------------------------------------------------------------*
AT LINE-SELECTION.
*----------------------------------------------------------------------*
* Double click on a label line shows the last material document
  IF gs_label-matnr IS NOT INITIAL.
    SET PARAMETER ID 'MAT' FIELD gs_label-matnr.
    LEAVE TO TRANSACTION gc_display_tcode.
  ENDIF.

*&---------------------------------------------------------------------*
*& Form COLLECT_LABELS
*&---------------------------------------------------------------------*
FORM collect_labels.
  DATA: BEGIN OF ls_row,
          matnr TYPE mard-matnr,
          lgpbe TYPE mard-lgpbe,
          meins TYPE mara-meins,
          maktx TYPE makt-maktx,
        END OF ls_row.

  SELECT d~matnr d~lgpbe m~meins t~maktx
    FROM mara AS m
    INNER JOIN marc AS c ON c~matnr = m~matnr
    INNER JOIN makt AS t ON t~matnr = m~matnr
    LEFT OUTER JOIN mard AS d ON d~matnr = c~matnr AND d~werks = c~werks
    INTO ls_row
    WHERE c~werks = p_werks
      AND d~lgort = p_lgort
      AND t~spras = sy-langu
    ORDER BY d~lgpbe d~matnr.

    IF p_mat IS NOT INITIAL AND ls_row-matnr <> p_mat.
      CONTINUE.
    ENDIF.

    CLEAR gs_label.
    gv_material_no = ls_row-matnr.
    gs_label-matnr = gv_material_no.
    gs_label-maktx = ls_row-maktx.
    gs_label-meins = ls_row-meins.
    gs_label-lgpbe = ls_row-lgpbe.
    " Barcode field of the label layout holds exactly 18 characters
    gs_label-barcode = ls_row-matnr+0(18).
    APPEND gs_label TO gt_labels.
  ENDSELECT.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form PRINT_LABELS
*&---------------------------------------------------------------------*
FORM print_labels.
  DATA lv_copy TYPE i.

  LOOP AT gt_labels INTO gs_label.
    DO p_copy TIMES.
      lv_copy = sy-index.
      WRITE: / gs_label-matnr(18), gs_label-maktx(40),
             / 'Bin'(001), gs_label-lgpbe, 'Unit'(002), gs_label-meins,
             / gs_label-barcode.
      IF lv_copy < p_copy.
        ULINE.
      ENDIF.
      gv_count = gv_count + 1.
    ENDDO.
    HIDE gs_label-matnr.
    NEW-PAGE.
  ENDLOOP.

  CLEAR gs_label.
  WRITE: / 'Labels printed:'(003), gv_count.
ENDFORM.
