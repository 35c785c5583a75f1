"! <p class="shorttext synchronized">Goods movements for the warehouse interface</p>
"! Posts the goods movements the external warehouse system reports
"! (transfer postings between storage locations and goods issues to
"! cost centres). BAPI first; for movement types the BAPI rejects in
"! this system (customer-specific 9xx types) the old batch input path
"! is still used.
CLASS zcl_mm_goods_movement DEFINITION
  PUBLIC
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_item,
        matnr TYPE matnr,
        werks TYPE werks_d,
        lgort TYPE lgort_d,
        umlgo TYPE umlgo,
        charg TYPE charg_d,
        bwart TYPE bwart,
        menge TYPE menge_d,
        meins TYPE meins,
        kostl TYPE kostl,
      END OF ty_item,
      ty_items TYPE STANDARD TABLE OF ty_item WITH EMPTY KEY,
      BEGIN OF ty_result,
        mblnr TYPE mblnr,
        mjahr TYPE mjahr,
      END OF ty_result.

    METHODS constructor
      IMPORTING
        io_logger TYPE REF TO zif_erp_logger.

    "! Posts all items as one material document.
    METHODS post
      IMPORTING
        iv_budat         TYPE budat DEFAULT sy-datum
        iv_reference     TYPE xblnr1
        it_items         TYPE ty_items
      RETURNING
        VALUE(rs_result) TYPE ty_result
      RAISING
        zcx_erp_error.

    "! Corrects the storage location of a posted document item after a
    "! wrong scan in the warehouse (agreed with controlling, ERP-2544).
    METHODS correct_storage_location
      IMPORTING
        iv_mblnr TYPE mblnr
        iv_mjahr TYPE mjahr
        iv_zeile TYPE mblpo
        iv_lgort TYPE lgort_d
      RAISING
        zcx_erp_error.

  PROTECTED SECTION.
    METHODS post_with_bapi
      IMPORTING
        iv_budat         TYPE budat
        iv_reference     TYPE xblnr1
        it_items         TYPE ty_items
      RETURNING
        VALUE(rs_result) TYPE ty_result
      RAISING
        zcx_erp_error.

    METHODS post_with_batch_input
      IMPORTING
        iv_budat         TYPE budat
        iv_reference     TYPE xblnr1
        it_items         TYPE ty_items
      RETURNING
        VALUE(rs_result) TYPE ty_result
      RAISING
        zcx_erp_error.

  PRIVATE SECTION.
    CONSTANTS c_custom_movement_types TYPE string VALUE '911 912 921 922'.
    DATA mo_logger TYPE REF TO zif_erp_logger.
    DATA mo_mapper TYPE REF TO lcl_item_mapper.
ENDCLASS.



CLASS zcl_mm_goods_movement IMPLEMENTATION.

  METHOD constructor.
    mo_logger = io_logger.
    mo_mapper = NEW lcl_item_mapper( ).
  ENDMETHOD.


  METHOD post.
    IF it_items IS INITIAL.
      RETURN.
    ENDIF.

    IF line_exists( it_items[ bwart = '911' ] ) OR line_exists( it_items[ bwart = '912' ] )
       OR line_exists( it_items[ bwart = '921' ] ) OR line_exists( it_items[ bwart = '922' ] ).
      rs_result = post_with_batch_input( iv_budat = iv_budat iv_reference = iv_reference it_items = it_items ).
    ELSE.
      rs_result = post_with_bapi( iv_budat = iv_budat iv_reference = iv_reference it_items = it_items ).
    ENDIF.
  ENDMETHOD.


  METHOD post_with_bapi.
    DATA ls_header TYPE bapi2017_gm_head_01.
    DATA ls_code TYPE bapi2017_gm_code.
    DATA lt_return TYPE STANDARD TABLE OF bapiret2.

    ls_header-pstng_date = iv_budat.
    ls_header-doc_date = iv_budat.
    ls_header-ref_doc_no = iv_reference.
    ls_code-gm_code = mo_mapper->movement_code( it_items[ 1 ]-bwart ).

    DATA(lt_bapi_items) = mo_mapper->to_bapi_items( it_items ).

    CALL FUNCTION 'BAPI_GOODSMVT_CREATE'
      EXPORTING
        goodsmvt_header  = ls_header
        goodsmvt_code    = ls_code
      IMPORTING
        materialdocument = rs_result-mblnr
        matdocumentyear  = rs_result-mjahr
      TABLES
        goodsmvt_item    = lt_bapi_items
        return           = lt_return.

    LOOP AT lt_return INTO DATA(ls_return) WHERE type CA 'EAX'.
      mo_logger->add_text( iv_text = ls_return-message iv_severity = zif_erp_logger=>c_severity-error ).
    ENDLOOP.
    IF sy-subrc = 0.
      CALL FUNCTION 'BAPI_TRANSACTION_ROLLBACK'.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>posting_failed
          iv_object = 'MKPF'
          iv_key    = iv_reference.
    ENDIF.

    CALL FUNCTION 'BAPI_TRANSACTION_COMMIT'
      EXPORTING
        wait = abap_true.
  ENDMETHOD.


  METHOD post_with_batch_input.
    DATA lt_bdcdata TYPE STANDARD TABLE OF bdcdata.
    DATA lt_messages TYPE STANDARD TABLE OF bdcmsgcoll.
    DATA lv_date TYPE c LENGTH 10.

    WRITE iv_budat TO lv_date DD/MM/YYYY.
    lt_bdcdata = VALUE #(
      ( program = 'SAPMM07M' dynpro = '0400' dynbegin = 'X' )
      ( fnam = 'BDC_OKCODE' fval = '/00' )
      ( fnam = 'MKPF-BLDAT' fval = lv_date )
      ( fnam = 'MKPF-BUDAT' fval = lv_date )
      ( fnam = 'MKPF-XBLNR' fval = iv_reference )
      ( fnam = 'RM07M-BWARTWA' fval = it_items[ 1 ]-bwart )
      ( fnam = 'RM07M-WERKS' fval = it_items[ 1 ]-werks )
      ( fnam = 'RM07M-LGORT' fval = it_items[ 1 ]-lgort ) ).

    LOOP AT it_items INTO DATA(ls_item).
      APPEND VALUE #( program = 'SAPMM07M' dynpro = '0421' dynbegin = 'X' ) TO lt_bdcdata.
      APPEND VALUE #( fnam = 'MSEG-MATNR(01)' fval = ls_item-matnr ) TO lt_bdcdata.
      APPEND VALUE #( fnam = 'MSEG-ERFMG(01)' fval = |{ ls_item-menge }| ) TO lt_bdcdata.
      APPEND VALUE #( fnam = 'MSEG-UMLGO(01)' fval = ls_item-umlgo ) TO lt_bdcdata.
      APPEND VALUE #( fnam = 'MSEG-CHARG(01)' fval = ls_item-charg ) TO lt_bdcdata.
      APPEND VALUE #( fnam = 'BDC_OKCODE' fval = '/00' ) TO lt_bdcdata.
    ENDLOOP.
    APPEND VALUE #( fnam = 'BDC_OKCODE' fval = '=BU' ) TO lt_bdcdata.

    CALL TRANSACTION 'MB1B' WITH AUTHORITY-CHECK
                            USING lt_bdcdata
                            MODE 'N'
                            UPDATE 'S'
                            MESSAGES INTO lt_messages.

    READ TABLE lt_messages INTO DATA(ls_message) WITH KEY msgtyp = 'S' msgnr = '060'.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>posting_failed
          iv_object = 'MB1B'
          iv_key    = iv_reference.
    ENDIF.
    rs_result-mblnr = ls_message-msgv1.
    rs_result-mjahr = iv_budat(4).
  ENDMETHOD.


  METHOD correct_storage_location.
    SELECT SINGLE mblnr FROM mseg INTO @DATA(lv_mblnr)
      WHERE mblnr = @iv_mblnr
        AND mjahr = @iv_mjahr
        AND zeile = @iv_zeile.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>not_found
          iv_object = 'MSEG'
          iv_key    = |{ iv_mblnr }/{ iv_mjahr }/{ iv_zeile }|.
    ENDIF.

    UPDATE mseg SET lgort = @iv_lgort
      WHERE mblnr = @iv_mblnr
        AND mjahr = @iv_mjahr
        AND zeile = @iv_zeile.

    mo_logger->add_text( |Storage location of { lv_mblnr }/{ iv_zeile } corrected to { iv_lgort }| ).
  ENDMETHOD.

ENDCLASS.
