*&---------------------------------------------------------------------*
*& Report ZMM_REORDER_PROPOSAL
*&---------------------------------------------------------------------*
*& Nightly job: for every material of a plant with a reorder point,
*& compares the unrestricted stock with the reorder point and writes a
*& reorder proposal to ZMM_REORDER for the buyers' worklist. Existing
*& open proposals of the material are updated instead of duplicated.
*&---------------------------------------------------------------------*
REPORT zmm_reorder_proposal.

DATA: BEGIN OF gs_plant_material,
        matnr TYPE marc-matnr,
        werks TYPE marc-werks,
        minbe TYPE marc-minbe,
        eisbe TYPE marc-eisbe,
        bstfe TYPE marc-bstfe,
        ekgrp TYPE marc-ekgrp,
      END OF gs_plant_material.

DATA: gt_plant_materials LIKE STANDARD TABLE OF gs_plant_material,
      gs_proposal        TYPE zmm_reorder,
      gv_stock           TYPE mard-labst,
      gv_created         TYPE i,
      gv_updated         TYPE i,
      gv_below_matnr     TYPE marc-matnr,
      gt_below           TYPE STANDARD TABLE OF marc-matnr WITH EMPTY KEY.

PARAMETERS: p_werks TYPE marc-werks OBLIGATORY,
            p_ekgrp TYPE marc-ekgrp.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  SELECT matnr werks minbe eisbe bstfe ekgrp
    FROM marc
    INTO TABLE gt_plant_materials
    WHERE werks = p_werks
      AND minbe > 0
      AND lvorm = space
    ORDER BY matnr.

  IF p_ekgrp IS NOT INITIAL.
    DELETE gt_plant_materials WHERE ekgrp <> p_ekgrp.
  ENDIF.

* Written for the Oracle database of the old system: the materials of the
* plant below their reorder point, in one statement with Oracle's NVL and ROWNUM.
  EXEC SQL PERFORMING collect_below_reorder_point.
    SELECT c.matnr INTO :gv_below_matnr
      FROM marc c, mard d
     WHERE c.mandt = :sy-mandt
       AND c.werks = :p_werks
       AND d.mandt = c.mandt
       AND d.matnr = c.matnr
       AND d.werks = c.werks
       AND NVL(d.labst, 0) < c.minbe
       AND ROWNUM <= 5000
  ENDEXEC.

  LOOP AT gt_plant_materials INTO gs_plant_material.
    CLEAR gv_stock.
    SELECT SUM( labst ) FROM mard INTO gv_stock
      WHERE matnr = gs_plant_material-matnr
        AND werks = gs_plant_material-werks.

    IF gv_stock >= gs_plant_material-minbe.
      CONTINUE.
    ENDIF.

    SELECT SINGLE * FROM zmm_reorder INTO gs_proposal
      WHERE matnr = gs_plant_material-matnr
        AND werks = gs_plant_material-werks
        AND status = 'O'.
    IF sy-subrc = 0.
      gs_proposal-stock = gv_stock.
      gs_proposal-quantity = gs_plant_material-bstfe.
      gs_proposal-aedat = sy-datum.
      UPDATE zmm_reorder FROM gs_proposal.
      gv_updated = gv_updated + 1.
    ELSE.
      CLEAR gs_proposal.
      gs_proposal-matnr = gs_plant_material-matnr.
      gs_proposal-werks = gs_plant_material-werks.
      gs_proposal-ekgrp = gs_plant_material-ekgrp.
      gs_proposal-stock = gv_stock.
      gs_proposal-reorder_point = gs_plant_material-minbe.
      gs_proposal-quantity = gs_plant_material-bstfe.
      gs_proposal-status = 'O'.
      gs_proposal-erdat = sy-datum.
      INSERT zmm_reorder FROM gs_proposal.
      gv_created = gv_created + 1.
    ENDIF.
  ENDLOOP.

  COMMIT WORK.

  WRITE: / 'Proposals created:'(r01), gv_created,
         / 'Proposals updated:'(r02), gv_updated.

*&---------------------------------------------------------------------*
*& Form COLLECT_BELOW_REORDER_POINT
*&---------------------------------------------------------------------*
FORM collect_below_reorder_point.
  APPEND gv_below_matnr TO gt_below.
ENDFORM.
