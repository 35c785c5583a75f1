"! <p class="shorttext synchronized">Vendor master helpers for the AP cockpit</p>
"! Navigation from the accounts payable cockpit (ZFI_AP_COCKPIT) to the
"! vendor master and reading of the vendor data shown in its header.
CLASS zcl_fi_vendor_master DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_vendor,
        lifnr TYPE lifnr,
        name1 TYPE name1_gp,
        ort01 TYPE ort01_gp,
        land1 TYPE land1_gp,
        sperr TYPE sperb_x,
        zterm TYPE dzterm,
        akont TYPE akont,
      END OF ty_vendor.

    CONSTANTS:
      BEGIN OF c_tcode,
        change  TYPE sy-tcode VALUE 'XK02',
        display TYPE sy-tcode VALUE 'FK03',
      END OF c_tcode.

    "! Vendor with its company code data.
    METHODS read
      IMPORTING
        iv_lifnr         TYPE lifnr
        iv_bukrs         TYPE bukrs
      RETURNING
        VALUE(rs_vendor) TYPE ty_vendor
      RAISING
        zcx_erp_error.

    "! Opens the vendor master for change in a new internal session.
    METHODS open_for_change
      IMPORTING
        iv_lifnr TYPE lifnr
        iv_bukrs TYPE bukrs.

    "! Leaves the cockpit to the vendor display.
    METHODS display
      IMPORTING
        iv_lifnr TYPE lifnr
        iv_bukrs TYPE bukrs.

    "! Correlation id for the change request workflow.
    METHODS new_request_id
      RETURNING
        VALUE(rv_id) TYPE sysuuid_c32.

  PROTECTED SECTION.
  PRIVATE SECTION.
ENDCLASS.



CLASS zcl_fi_vendor_master IMPLEMENTATION.

  METHOD read.
    SELECT SINGLE a~lifnr, a~name1, a~ort01, a~land1, a~sperr, b~zterm, b~akont
      FROM lfa1 AS a
      INNER JOIN lfb1 AS b ON b~lifnr = a~lifnr
      WHERE a~lifnr = @iv_lifnr
        AND b~bukrs = @iv_bukrs
      INTO CORRESPONDING FIELDS OF @rs_vendor.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>not_found
          iv_object = 'LFB1'
          iv_key    = |{ iv_lifnr }/{ iv_bukrs }|.
    ENDIF.
  ENDMETHOD.


  METHOD open_for_change.
    SET PARAMETER ID 'LIF' FIELD iv_lifnr.
    SET PARAMETER ID 'BUK' FIELD iv_bukrs.
    CALL TRANSACTION 'XK02' WITH AUTHORITY-CHECK AND SKIP FIRST SCREEN.
  ENDMETHOD.


  METHOD display.
    SET PARAMETER ID 'LIF' FIELD iv_lifnr.
    SET PARAMETER ID 'BUK' FIELD iv_bukrs.
    LEAVE TO TRANSACTION c_tcode-display AND SKIP FIRST SCREEN.
  ENDMETHOD.


  METHOD new_request_id.
    CALL FUNCTION 'GUID_CREATE'
      IMPORTING
        ev_guid_32 = rv_id.
  ENDMETHOD.

ENDCLASS.
