*"* use this source file for your ABAP unit test classes
CLASS ltd_condition_source DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES lif_condition_source.
    DATA mt_conditions TYPE zcl_sd_pricing_reader=>ty_conditions.
    DATA mv_knumv TYPE knumv.
ENDCLASS.

CLASS ltd_condition_source IMPLEMENTATION.
  METHOD lif_condition_source~read_document_condition_number.
    rv_knumv = mv_knumv.
  ENDMETHOD.

  METHOD lif_condition_source~read_conditions.
    rt_conditions = mt_conditions.
  ENDMETHOD.
ENDCLASS.


CLASS ltc_pricing_reader DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_source TYPE REF TO ltd_condition_source.
    DATA mo_cut TYPE REF TO zcl_sd_pricing_reader.

    METHODS setup.
    METHODS inactive_conditions_skipped FOR TESTING RAISING cx_static_check.
    METHODS unknown_document_raises FOR TESTING.
    METHODS summary_per_condition_type FOR TESTING.
    METHODS net_value_ignores_statistics FOR TESTING RAISING cx_static_check.
ENDCLASS.


CLASS ltc_pricing_reader IMPLEMENTATION.

  METHOD setup.
    mo_source = NEW #( ).
    mo_source->mv_knumv = '0000004711'.
    mo_source->mt_conditions = VALUE #(
      ( knumv = '0000004711' kposn = '000010' stunr = '010' kschl = 'PR00' kwert = '100.00' waers = 'EUR' )
      ( knumv = '0000004711' kposn = '000010' stunr = '020' kschl = 'K007' kwert = '-10.00' waers = 'EUR' )
      ( knumv = '0000004711' kposn = '000020' stunr = '010' kschl = 'PR00' kwert = '50.00' waers = 'EUR' )
      ( knumv = '0000004711' kposn = '000020' stunr = '020' kschl = 'K007' kwert = '-5.00' waers = 'EUR' kinak = 'X' )
      ( knumv = '0000004711' kposn = '000010' stunr = '950' kschl = 'VPRS' kwert = '60.00' waers = 'EUR' ) ).
    mo_cut = NEW #( io_source = mo_source ).
  ENDMETHOD.


  METHOD inactive_conditions_skipped.
    DATA(lt_conditions) = mo_cut->get_conditions( '0000012345' ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_conditions ) exp = 4 ).
  ENDMETHOD.


  METHOD unknown_document_raises.
    CLEAR mo_source->mv_knumv.

    TRY.
        mo_cut->get_conditions( '0000099999' ).
        cl_abap_unit_assert=>fail( 'Exception expected' ).
      CATCH zcx_erp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->mv_object exp = `VBAK` ).
    ENDTRY.
  ENDMETHOD.


  METHOD summary_per_condition_type.
    DATA(lt_summaries) = mo_cut->summarize( mo_source->mt_conditions ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_summaries ) exp = 3 ).
    cl_abap_unit_assert=>assert_equals( act = lt_summaries[ kschl = 'PR00' waers = 'EUR' ]-kwert exp = '150.00' ).
    cl_abap_unit_assert=>assert_equals( act = lt_summaries[ kschl = 'PR00' waers = 'EUR' ]-count exp = 2 ).
  ENDMETHOD.


  METHOD net_value_ignores_statistics.
    DATA(lv_value) = mo_cut->get_net_value( '0000012345' ).

    cl_abap_unit_assert=>assert_equals( act = lv_value exp = '140.00' ).
  ENDMETHOD.

ENDCLASS.
