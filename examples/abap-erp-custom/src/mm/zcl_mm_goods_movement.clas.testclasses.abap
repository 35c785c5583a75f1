*"* use this source file for your ABAP unit test classes
CLASS ltc_item_mapper DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_cut TYPE REF TO lcl_item_mapper.

    METHODS setup.
    METHODS goods_issue_code FOR TESTING.
    METHODS transfer_posting_code FOR TESTING.
    METHODS other_movement_code FOR TESTING.
    METHODS items_are_mapped FOR TESTING.
ENDCLASS.


CLASS ltc_item_mapper IMPLEMENTATION.

  METHOD setup.
    mo_cut = NEW #( ).
  ENDMETHOD.


  METHOD goods_issue_code.
    cl_abap_unit_assert=>assert_equals( act = mo_cut->movement_code( '261' ) exp = '03' ).
  ENDMETHOD.


  METHOD transfer_posting_code.
    cl_abap_unit_assert=>assert_equals( act = mo_cut->movement_code( '311' ) exp = '04' ).
  ENDMETHOD.


  METHOD other_movement_code.
    cl_abap_unit_assert=>assert_equals( act = mo_cut->movement_code( '999' ) exp = '06' ).
  ENDMETHOD.


  METHOD items_are_mapped.
    DATA(lt_items) = mo_cut->to_bapi_items( VALUE #(
      ( matnr = 'RAW-0001' werks = '1000' lgort = '0001' umlgo = '0002' bwart = '311' menge = 5 meins = 'PC' ) ) ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_items ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lt_items[ 1 ]-move_stloc exp = '0002' ).
    cl_abap_unit_assert=>assert_equals( act = lt_items[ 1 ]-entry_qnt exp = 5 ).
  ENDMETHOD.

ENDCLASS.
