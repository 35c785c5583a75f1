"! <p class="shorttext synchronized">Application log for custom ERP developments</p>
CLASS zcl_erp_logger DEFINITION
  PUBLIC
  FINAL
  CREATE PRIVATE.

  PUBLIC SECTION.
    INTERFACES zif_erp_logger.

    CONSTANTS c_object TYPE balobj_d VALUE 'ZERP'.

    "! Creates a log for one run of a business process.
    "! @parameter iv_subobject | Subobject below ZERP, for example SD_STATUS
    "! @parameter iv_external_id | Free text shown in SLG1, for example the job name
    CLASS-METHODS create
      IMPORTING
        iv_subobject     TYPE balsubobj
        iv_external_id   TYPE balnrext OPTIONAL
      RETURNING
        VALUE(ro_logger) TYPE REF TO zif_erp_logger.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mv_subobject TYPE balsubobj.
    DATA mv_external_id TYPE balnrext.
    DATA mt_messages TYPE zif_erp_logger=>ty_messages.

    METHODS constructor
      IMPORTING
        iv_subobject   TYPE balsubobj
        iv_external_id TYPE balnrext.

    METHODS to_bal_message
      IMPORTING
        is_message    TYPE zif_erp_logger=>ty_message
      RETURNING
        VALUE(rs_msg) TYPE bal_s_msg.
ENDCLASS.



CLASS zcl_erp_logger IMPLEMENTATION.

  METHOD create.
    ro_logger = NEW zcl_erp_logger( iv_subobject   = iv_subobject
                                    iv_external_id = iv_external_id ).
  ENDMETHOD.


  METHOD constructor.
    mv_subobject = iv_subobject.
    mv_external_id = iv_external_id.
  ENDMETHOD.


  METHOD zif_erp_logger~add_text.
    DATA(lv_text) = CONV string( iv_text ).
    APPEND VALUE #( msgty = iv_severity
                    msgid = 'ZERP'
                    msgno = '000'
                    msgv1 = lv_text
                    msgv2 = COND #( WHEN strlen( lv_text ) > 50 THEN substring( val = lv_text off = 50 ) )
                    text  = lv_text ) TO mt_messages.
  ENDMETHOD.


  METHOD zif_erp_logger~add_sy_message.
    DATA lv_text TYPE string.

    MESSAGE ID sy-msgid TYPE sy-msgty NUMBER sy-msgno
      WITH sy-msgv1 sy-msgv2 sy-msgv3 sy-msgv4
      INTO lv_text.

    APPEND VALUE #( msgty = sy-msgty
                    msgid = sy-msgid
                    msgno = sy-msgno
                    msgv1 = sy-msgv1
                    msgv2 = sy-msgv2
                    msgv3 = sy-msgv3
                    msgv4 = sy-msgv4
                    text  = lv_text ) TO mt_messages.
  ENDMETHOD.


  METHOD zif_erp_logger~add_exception.
    DATA(lx_current) = ix_error.
    WHILE lx_current IS BOUND.
      zif_erp_logger~add_text( iv_text     = lx_current->get_text( )
                               iv_severity = zif_erp_logger=>c_severity-error ).
      lx_current = lx_current->previous.
    ENDWHILE.
  ENDMETHOD.


  METHOD zif_erp_logger~has_errors.
    rv_has_errors = xsdbool( line_exists( mt_messages[ msgty = 'E' ] )
                          OR line_exists( mt_messages[ msgty = 'A' ] )
                          OR line_exists( mt_messages[ msgty = 'X' ] ) ).
  ENDMETHOD.


  METHOD zif_erp_logger~get_messages.
    rt_messages = mt_messages.
  ENDMETHOD.


  METHOD zif_erp_logger~save.
    DATA ls_header TYPE bal_s_log.
    DATA lv_handle TYPE balloghndl.
    DATA lt_handles TYPE bal_t_logh.

    IF mt_messages IS INITIAL.
      RETURN.
    ENDIF.

    ls_header-object = c_object.
    ls_header-subobject = mv_subobject.
    ls_header-extnumber = mv_external_id.
    ls_header-aldate = sy-datum.
    ls_header-altime = sy-uzeit.
    ls_header-aluser = sy-uname.

    CALL FUNCTION 'BAL_LOG_CREATE'
      EXPORTING
        i_s_log                 = ls_header
      IMPORTING
        e_log_handle            = lv_handle
      EXCEPTIONS
        log_header_inconsistent = 1
        OTHERS                  = 2.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>log_not_saved
          iv_object = c_object.
    ENDIF.

    LOOP AT mt_messages INTO DATA(ls_message).
      DATA(ls_msg) = to_bal_message( ls_message ).
      CALL FUNCTION 'BAL_LOG_MSG_ADD'
        EXPORTING
          i_log_handle     = lv_handle
          i_s_msg          = ls_msg
        EXCEPTIONS
          log_not_found    = 1
          msg_inconsistent = 2
          log_is_full      = 3
          OTHERS           = 4.
      IF sy-subrc <> 0.
        EXIT.
      ENDIF.
    ENDLOOP.

    INSERT lv_handle INTO TABLE lt_handles.
    CALL FUNCTION 'BAL_DB_SAVE'
      EXPORTING
        i_t_log_handle   = lt_handles
      EXCEPTIONS
        log_not_found    = 1
        save_not_allowed = 2
        numbering_error  = 3
        OTHERS           = 4.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>log_not_saved
          iv_object = c_object.
    ENDIF.

    IF iv_commit = abap_true.
      COMMIT WORK.
    ENDIF.
  ENDMETHOD.


  METHOD to_bal_message.
    rs_msg-msgty = is_message-msgty.
    rs_msg-msgid = is_message-msgid.
    rs_msg-msgno = is_message-msgno.
    rs_msg-msgv1 = is_message-msgv1.
    rs_msg-msgv2 = is_message-msgv2.
    rs_msg-msgv3 = is_message-msgv3.
    rs_msg-msgv4 = is_message-msgv4.
    rs_msg-probclass = SWITCH #( is_message-msgty
                                 WHEN 'E' OR 'A' OR 'X' THEN '1'
                                 WHEN 'W' THEN '2'
                                 ELSE '4' ).
  ENDMETHOD.

ENDCLASS.
