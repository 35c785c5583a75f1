FUNCTION z_sd_delivery_status_set.
*"----------------------------------------------------------------------
*"*"Local Interface:
*"  IMPORTING
*"     VALUE(IV_VBELN) TYPE  VBELN_VL
*"     VALUE(IV_WBSTK) TYPE  WBSTK
*"     VALUE(IV_COMMIT) TYPE  ABAP_BOOL DEFAULT ABAP_FALSE
*"  EXCEPTIONS
*"      NOT_FOUND
*"      LOCKED
*"----------------------------------------------------------------------
* Repair of the goods movement status for deliveries that were posted
* in the warehouse system but whose confirmation IDoc failed (ERP-2871).
* Only to be called from ZSD_DELIVERY_REPAIR after approval.
  DATA lv_count TYPE i.

  SELECT COUNT(*) FROM likp INTO lv_count WHERE vbeln = iv_vbeln.
  IF lv_count = 0.
    RAISE not_found.
  ENDIF.

  CALL FUNCTION 'ENQUEUE_EVVBLKE'
    EXPORTING
      vbeln          = iv_vbeln
    EXCEPTIONS
      foreign_lock   = 1
      system_failure = 2
      OTHERS         = 3.
  IF sy-subrc <> 0.
    RAISE locked.
  ENDIF.

  UPDATE vbuk SET wbstk = iv_wbstk
                  gbstk = iv_wbstk
            WHERE vbeln = iv_vbeln.

  UPDATE vbup SET wbsta = iv_wbstk
                  gbsta = iv_wbstk
            WHERE vbeln = iv_vbeln.

  CLEAR gs_buffer.

  CALL FUNCTION 'DEQUEUE_EVVBLKE'
    EXPORTING
      vbeln = iv_vbeln.

  IF iv_commit = abap_true.
    COMMIT WORK AND WAIT.
  ENDIF.
ENDFUNCTION.
