"! <p class="shorttext synchronized">Reads pricing conditions of sales documents</p>
"! Used by the margin report and the rebate interface to get the pricing
"! elements of a sales order (condition type, rate, value, currency).
"! Database access is behind LIF_CONDITION_SOURCE so that the aggregation
"! logic can be unit tested without data.
CLASS zcl_sd_pricing_reader DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_condition,
        knumv TYPE knumv,
        kposn TYPE kposn,
        stunr TYPE stunr,
        zaehk TYPE dzaehk,
        kschl TYPE kscha,
        kbetr TYPE kbetr,
        kwert TYPE kwert,
        waers TYPE waers,
        kinak TYPE kinak,
      END OF ty_condition,
      ty_conditions TYPE STANDARD TABLE OF ty_condition WITH EMPTY KEY,
      BEGIN OF ty_summary,
        kschl TYPE kscha,
        kwert TYPE kwert,
        waers TYPE waers,
        count TYPE i,
      END OF ty_summary,
      ty_summaries TYPE SORTED TABLE OF ty_summary WITH UNIQUE KEY kschl waers.

    METHODS constructor
      IMPORTING
        io_source TYPE REF TO object OPTIONAL.

    "! All active conditions of a sales document.
    METHODS get_conditions
      IMPORTING
        iv_vbeln             TYPE vbeln_va
      RETURNING
        VALUE(rt_conditions) TYPE ty_conditions
      RAISING
        zcx_erp_error.

    "! Condition values summed up per condition type and currency.
    METHODS summarize
      IMPORTING
        it_conditions       TYPE ty_conditions
      RETURNING
        VALUE(rt_summaries) TYPE ty_summaries.

    "! Net value of the document as the sum of all active, non-statistical
    "! price, discount and surcharge conditions.
    METHODS get_net_value
      IMPORTING
        iv_vbeln        TYPE vbeln_va
      RETURNING
        VALUE(rv_value) TYPE kwert
      RAISING
        zcx_erp_error.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mo_source TYPE REF TO lif_condition_source.
ENDCLASS.



CLASS zcl_sd_pricing_reader IMPLEMENTATION.

  METHOD constructor.
    IF io_source IS BOUND.
      mo_source ?= io_source.
    ELSE.
      mo_source = NEW lcl_db_condition_source( ).
    ENDIF.
  ENDMETHOD.


  METHOD get_conditions.
    DATA(lv_knumv) = mo_source->read_document_condition_number( iv_vbeln ).
    IF lv_knumv IS INITIAL.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>not_found
          iv_object = 'VBAK'
          iv_key    = iv_vbeln.
    ENDIF.

    rt_conditions = mo_source->read_conditions( lv_knumv ).
    DELETE rt_conditions WHERE kinak IS NOT INITIAL.
  ENDMETHOD.


  METHOD summarize.
    LOOP AT it_conditions ASSIGNING FIELD-SYMBOL(<ls_condition>).
      READ TABLE rt_summaries ASSIGNING FIELD-SYMBOL(<ls_summary>)
        WITH TABLE KEY kschl = <ls_condition>-kschl
                       waers = <ls_condition>-waers.
      IF sy-subrc <> 0.
        INSERT VALUE #( kschl = <ls_condition>-kschl
                        waers = <ls_condition>-waers ) INTO TABLE rt_summaries ASSIGNING <ls_summary>.
      ENDIF.
      <ls_summary>-kwert = <ls_summary>-kwert + <ls_condition>-kwert.
      <ls_summary>-count = <ls_summary>-count + 1.
    ENDLOOP.
  ENDMETHOD.


  METHOD get_net_value.
    DATA(lt_conditions) = get_conditions( iv_vbeln ).
    rv_value = REDUCE #( INIT lv_sum = CONV kwert( 0 )
                         FOR ls_condition IN lt_conditions
                         WHERE ( stunr < 900 )
                         NEXT lv_sum = lv_sum + ls_condition-kwert ).
  ENDMETHOD.

ENDCLASS.
