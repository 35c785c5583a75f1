FUNCTION z_sd_delivery_status_get.
*"----------------------------------------------------------------------
*"*"Local Interface:
*"  IMPORTING
*"     VALUE(IV_VBELN) TYPE  VBELN_VL
*"     VALUE(IV_BYPASS_BUFFER) TYPE  ABAP_BOOL DEFAULT ABAP_FALSE
*"  EXPORTING
*"     VALUE(EV_LFART) TYPE  LFART
*"     VALUE(EV_GBSTK) TYPE  GBSTK
*"     VALUE(EV_KOSTK) TYPE  KOSTK
*"     VALUE(EV_WBSTK) TYPE  WBSTK
*"     VALUE(EV_FKSTK) TYPE  FKSTK
*"     VALUE(EV_OPEN_ITEMS) TYPE  I
*"  EXCEPTIONS
*"      NOT_FOUND
*"----------------------------------------------------------------------
  DATA: lv_lfart TYPE likp-lfart,
        lv_wadat TYPE likp-wadat_ist,
        ls_vbuk  TYPE vbuk,
        lt_vbup  TYPE STANDARD TABLE OF vbup,
        ls_vbup  TYPE vbup.

  IF iv_bypass_buffer = abap_false AND gs_buffer-vbeln = iv_vbeln.
    ev_lfart = gs_buffer-lfart.
    ev_gbstk = gs_buffer-gbstk.
    ev_kostk = gs_buffer-kostk.
    ev_wbstk = gs_buffer-wbstk.
    ev_fkstk = gs_buffer-fkstk.
  ELSE.
    SELECT SINGLE lfart wadat_ist FROM likp INTO (lv_lfart, lv_wadat)
      WHERE vbeln = iv_vbeln.
    IF sy-subrc <> 0.
      RAISE not_found.
    ENDIF.

    SELECT SINGLE * FROM vbuk INTO ls_vbuk WHERE vbeln = iv_vbeln.

    CLEAR gs_buffer.
    gs_buffer-vbeln = iv_vbeln.
    gs_buffer-lfart = lv_lfart.
    gs_buffer-wadat = lv_wadat.
    gs_buffer-gbstk = ls_vbuk-gbstk.
    gs_buffer-kostk = ls_vbuk-kostk.
    gs_buffer-wbstk = ls_vbuk-wbstk.
    gs_buffer-fkstk = ls_vbuk-fkstk.

    ev_lfart = lv_lfart.
    ev_gbstk = ls_vbuk-gbstk.
    ev_kostk = ls_vbuk-kostk.
    ev_wbstk = ls_vbuk-wbstk.
    ev_fkstk = ls_vbuk-fkstk.
  ENDIF.

  SELECT * FROM vbup INTO TABLE lt_vbup WHERE vbeln = iv_vbeln.
  LOOP AT lt_vbup INTO ls_vbup WHERE gbsta <> gc_completed.
    ev_open_items = ev_open_items + 1.
  ENDLOOP.
ENDFUNCTION.
