*&---------------------------------------------------------------------*
*& Report ZFI_GL_BALANCE_SYNC
*&---------------------------------------------------------------------*
*& Monthly reconciliation of G/L balances with the group consolidation
*& database (Oracle, connected through DBCON entry CONSO).
*&
*& 1. reads the period balances of the leading ledger (GLT0 for the
*&    classic ledger companies, FAGLFLEXT for the new G/L companies)
*& 2. reads the balances reported to consolidation with native SQL
*& 3. writes the differences to ZFI_BAL_DIFF and lists them
*&---------------------------------------------------------------------*
REPORT zfi_gl_balance_sync.

TYPES: BEGIN OF ty_balance,
         bukrs TYPE bukrs,
         racct TYPE racct,
         rtcur TYPE rtcur,
         amount TYPE hslxx12,
       END OF ty_balance.

DATA: gt_sap_balances   TYPE STANDARD TABLE OF ty_balance,
      gt_conso_balances TYPE STANDARD TABLE OF ty_balance,
      gs_balance        TYPE ty_balance,
      gt_differences    TYPE STANDARD TABLE OF zfi_bal_diff,
      gs_difference     TYPE zfi_bal_diff.

DATA: gv_conso_company(4) TYPE c,
      gv_conso_account(10) TYPE c,
      gv_conso_currency(5) TYPE c,
      gv_conso_amount       TYPE p LENGTH 15 DECIMALS 2,
      gv_period(7)          TYPE c.

PARAMETERS: p_bukrs TYPE bukrs OBLIGATORY,
            p_gjahr TYPE gjahr OBLIGATORY DEFAULT sy-datum(4),
            p_monat TYPE monat OBLIGATORY,
            p_newgl AS CHECKBOX DEFAULT ' ',
            p_save  AS CHECKBOX DEFAULT ' '.

CONSTANTS gc_connection TYPE dbcon-con_name VALUE 'CONSO'.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  IF p_newgl = 'X'.
    PERFORM read_new_gl_balances.
  ELSE.
    PERFORM read_classic_balances.
  ENDIF.
  PERFORM read_consolidation_balances.
  PERFORM compare.
  IF p_save = 'X'.
    PERFORM save_differences.
  ENDIF.
  PERFORM write_differences.

*&---------------------------------------------------------------------*
*& Form READ_CLASSIC_BALANCES
*&---------------------------------------------------------------------*
FORM read_classic_balances.
  DATA lt_glt0 TYPE STANDARD TABLE OF glt0.
  DATA ls_glt0 TYPE glt0.
  FIELD-SYMBOLS <lv_period_amount> TYPE any.
  DATA lv_field TYPE string.
  DATA lv_month TYPE n LENGTH 2.

  SELECT * FROM glt0 INTO TABLE lt_glt0
    WHERE rldnr = '00'
      AND rrcty = '0'
      AND rvers = '001'
      AND bukrs = p_bukrs
      AND ryear = p_gjahr.

  LOOP AT lt_glt0 INTO ls_glt0.
    CLEAR gs_balance.
    gs_balance-bukrs = ls_glt0-bukrs.
    gs_balance-racct = ls_glt0-racct.
    gs_balance-rtcur = ls_glt0-rtcur.
    gs_balance-amount = ls_glt0-hslvt.
    DO p_monat TIMES.
      lv_month = sy-index.
      CONCATENATE 'LS_GLT0-HSL' lv_month INTO lv_field.
      ASSIGN (lv_field) TO <lv_period_amount>.
      IF sy-subrc = 0.
        gs_balance-amount = gs_balance-amount + <lv_period_amount>.
      ENDIF.
    ENDDO.
    COLLECT gs_balance INTO gt_sap_balances.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_NEW_GL_BALANCES
*&---------------------------------------------------------------------*
FORM read_new_gl_balances.
  DATA lt_totals TYPE STANDARD TABLE OF faglflext.
  FIELD-SYMBOLS <ls_total> TYPE faglflext.
  FIELD-SYMBOLS <lv_amount> TYPE any.
  DATA lv_month TYPE n LENGTH 2.

  SELECT * FROM faglflext INTO TABLE lt_totals
    WHERE rldnr = '0L'
      AND rrcty = '0'
      AND rvers = '001'
      AND rbukrs = p_bukrs
      AND ryear = p_gjahr.

  LOOP AT lt_totals ASSIGNING <ls_total>.
    CLEAR gs_balance.
    gs_balance-bukrs = <ls_total>-rbukrs.
    gs_balance-racct = <ls_total>-racct.
    gs_balance-rtcur = <ls_total>-rtcur.
    gs_balance-amount = <ls_total>-hslvt.
    DO p_monat TIMES.
      lv_month = sy-index.
      ASSIGN COMPONENT |HSL{ lv_month }| OF STRUCTURE <ls_total> TO <lv_amount>.
      IF sy-subrc = 0.
        gs_balance-amount = gs_balance-amount + <lv_amount>.
      ENDIF.
    ENDDO.
    COLLECT gs_balance INTO gt_sap_balances.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form READ_CONSOLIDATION_BALANCES
*&---------------------------------------------------------------------*
*& The consolidation database keeps balances per company, account and
*& period in table CONSO.FIN_BALANCE; the period key is YYYY-MM.
*&---------------------------------------------------------------------*
FORM read_consolidation_balances.
  CONCATENATE p_gjahr '-' p_monat INTO gv_period.

  EXEC SQL.
    SET CONNECTION :gc_connection
  ENDEXEC.

  EXEC SQL.
    OPEN c_balances FOR
      SELECT /*+ INDEX(b FIN_BALANCE_PK) */
             b.company_code, b.account, b.currency, NVL(SUM(b.amount), 0)
        FROM conso.fin_balance b
       WHERE b.company_code = :p_bukrs
         AND b.period <= :gv_period
         AND SUBSTR(b.period, 1, 4) = :p_gjahr
       GROUP BY b.company_code, b.account, b.currency
  ENDEXEC.

  DO.
    EXEC SQL.
      FETCH NEXT c_balances INTO :gv_conso_company, :gv_conso_account,
                                 :gv_conso_currency, :gv_conso_amount
    ENDEXEC.
    IF sy-subrc <> 0.
      EXIT.
    ENDIF.
    CLEAR gs_balance.
    gs_balance-bukrs = gv_conso_company.
    gs_balance-racct = gv_conso_account.
    gs_balance-rtcur = gv_conso_currency.
    gs_balance-amount = gv_conso_amount.
    APPEND gs_balance TO gt_conso_balances.
  ENDDO.

  EXEC SQL.
    CLOSE c_balances
  ENDEXEC.

  EXEC SQL.
    SET CONNECTION DEFAULT
  ENDEXEC.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form COMPARE
*&---------------------------------------------------------------------*
FORM compare.
  DATA ls_conso TYPE ty_balance.

  SORT gt_conso_balances BY bukrs racct rtcur.

  LOOP AT gt_sap_balances INTO gs_balance.
    CLEAR gs_difference.
    READ TABLE gt_conso_balances INTO ls_conso
      WITH KEY bukrs = gs_balance-bukrs
               racct = gs_balance-racct
               rtcur = gs_balance-rtcur
      BINARY SEARCH.
    IF sy-subrc <> 0.
      CLEAR ls_conso.
    ENDIF.
    IF ls_conso-amount <> gs_balance-amount.
      gs_difference-bukrs = gs_balance-bukrs.
      gs_difference-gjahr = p_gjahr.
      gs_difference-monat = p_monat.
      gs_difference-racct = gs_balance-racct.
      gs_difference-waers = gs_balance-rtcur.
      gs_difference-sap_amount = gs_balance-amount.
      gs_difference-conso_amount = ls_conso-amount.
      gs_difference-difference = gs_balance-amount - ls_conso-amount.
      gs_difference-erdat = sy-datum.
      gs_difference-ernam = sy-uname.
      APPEND gs_difference TO gt_differences.
    ENDIF.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form SAVE_DIFFERENCES
*&---------------------------------------------------------------------*
FORM save_differences.
  DELETE FROM zfi_bal_diff WHERE bukrs = p_bukrs
                             AND gjahr = p_gjahr
                             AND monat = p_monat.
  INSERT zfi_bal_diff FROM TABLE gt_differences.
  IF sy-subrc = 0.
    COMMIT WORK.
  ELSE.
    ROLLBACK WORK.
    MESSAGE 'Differences could not be saved'(e01) TYPE 'E'.
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form WRITE_DIFFERENCES
*&---------------------------------------------------------------------*
FORM write_differences.
  IF gt_differences IS INITIAL.
    WRITE / 'No differences'(l01).
    RETURN.
  ENDIF.

  LOOP AT gt_differences INTO gs_difference.
    WRITE: / gs_difference-racct,
             gs_difference-waers,
             gs_difference-sap_amount,
             gs_difference-conso_amount,
             gs_difference-difference.
  ENDLOOP.
ENDFORM.
