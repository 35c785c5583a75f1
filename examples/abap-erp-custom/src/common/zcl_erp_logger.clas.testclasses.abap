*"* use this source file for your ABAP unit test classes
CLASS ltc_logger DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_cut TYPE REF TO zif_erp_logger.

    METHODS setup.
    METHODS text_is_collected FOR TESTING.
    METHODS error_is_detected FOR TESTING.
    METHODS warning_is_no_error FOR TESTING.
    METHODS exception_chain_is_logged FOR TESTING.
ENDCLASS.


CLASS ltc_logger IMPLEMENTATION.

  METHOD setup.
    mo_cut = zcl_erp_logger=>create( iv_subobject = 'UNIT_TEST' ).
  ENDMETHOD.


  METHOD text_is_collected.
    mo_cut->add_text( 'Order 4711 processed' ).

    DATA(lt_messages) = mo_cut->get_messages( ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_messages ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lt_messages[ 1 ]-text exp = `Order 4711 processed` ).
    cl_abap_unit_assert=>assert_equals( act = lt_messages[ 1 ]-msgty exp = 'I' ).
  ENDMETHOD.


  METHOD error_is_detected.
    mo_cut->add_text( iv_text = 'Posting failed' iv_severity = zif_erp_logger=>c_severity-error ).

    cl_abap_unit_assert=>assert_true( mo_cut->has_errors( ) ).
  ENDMETHOD.


  METHOD warning_is_no_error.
    mo_cut->add_text( iv_text = 'Credit limit almost reached' iv_severity = zif_erp_logger=>c_severity-warning ).

    cl_abap_unit_assert=>assert_false( mo_cut->has_errors( ) ).
  ENDMETHOD.


  METHOD exception_chain_is_logged.
    DATA(lx_inner) = NEW zcx_erp_error( textid = zcx_erp_error=>not_found iv_object = 'VBAK' iv_key = '4711' ).
    DATA(lx_outer) = NEW zcx_erp_error( textid = zcx_erp_error=>posting_failed previous = lx_inner ).

    mo_cut->add_exception( lx_outer ).

    cl_abap_unit_assert=>assert_equals( act = lines( mo_cut->get_messages( ) ) exp = 2 ).
  ENDMETHOD.

ENDCLASS.
