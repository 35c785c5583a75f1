"! <p class="shorttext synchronized">Error of the custom ERP developments</p>
"! Carries a T100 message of class ZERP and up to four message variables.
CLASS zcx_erp_error DEFINITION
  PUBLIC
  INHERITING FROM cx_static_check
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES if_t100_message.
    INTERFACES if_t100_dyn_msg.

    CONSTANTS:
      BEGIN OF not_found,
        msgid TYPE symsgid VALUE 'ZERP',
        msgno TYPE symsgno VALUE '001',
        attr1 TYPE scx_attrname VALUE 'MV_OBJECT',
        attr2 TYPE scx_attrname VALUE 'MV_KEY',
        attr3 TYPE scx_attrname VALUE '',
        attr4 TYPE scx_attrname VALUE '',
      END OF not_found,
      BEGIN OF posting_failed,
        msgid TYPE symsgid VALUE 'ZERP',
        msgno TYPE symsgno VALUE '002',
        attr1 TYPE scx_attrname VALUE 'MV_OBJECT',
        attr2 TYPE scx_attrname VALUE 'MV_KEY',
        attr3 TYPE scx_attrname VALUE '',
        attr4 TYPE scx_attrname VALUE '',
      END OF posting_failed,
      BEGIN OF log_not_saved,
        msgid TYPE symsgid VALUE 'ZERP',
        msgno TYPE symsgno VALUE '003',
        attr1 TYPE scx_attrname VALUE 'MV_OBJECT',
        attr2 TYPE scx_attrname VALUE '',
        attr3 TYPE scx_attrname VALUE '',
        attr4 TYPE scx_attrname VALUE '',
      END OF log_not_saved.

    DATA mv_object TYPE string READ-ONLY.
    DATA mv_key TYPE string READ-ONLY.

    METHODS constructor
      IMPORTING
        textid    LIKE if_t100_message=>t100key OPTIONAL
        previous  LIKE previous OPTIONAL
        iv_object TYPE csequence OPTIONAL
        iv_key    TYPE csequence OPTIONAL.

  PROTECTED SECTION.
  PRIVATE SECTION.
ENDCLASS.



CLASS zcx_erp_error IMPLEMENTATION.

  METHOD constructor ##ADT_SUPPRESS_GENERATION.
    super->constructor( previous = previous ).
    mv_object = iv_object.
    mv_key = iv_key.
    CLEAR me->textid.
    IF textid IS INITIAL.
      if_t100_message~t100key = if_t100_message=>default_textid.
    ELSE.
      if_t100_message~t100key = textid.
    ENDIF.
  ENDMETHOD.

ENDCLASS.
