*"* use this source file for your ABAP unit test classes
CLASS ltc_string_utils DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    METHODS split_plain FOR TESTING.
    METHODS split_quoted_delimiter FOR TESTING.
    METHODS split_doubled_quote FOR TESTING.
    METHODS split_empty_fields FOR TESTING.
    METHODS join_quotes_when_needed FOR TESTING.
    METHODS zeros_stripped FOR TESTING.
    METHODS all_zeros_give_zero FOR TESTING.
    METHODS non_numeric_unchanged FOR TESTING.
    METHODS control_characters_removed FOR TESTING.
ENDCLASS.


CLASS ltc_string_utils IMPLEMENTATION.

  METHOD split_plain.
    DATA(lt_fields) = zcl_erp_string_utils=>split_delimited( `1000;Hamburg;DE` ).

    cl_abap_unit_assert=>assert_equals( act = lt_fields exp = VALUE string_table( ( `1000` ) ( `Hamburg` ) ( `DE` ) ) ).
  ENDMETHOD.


  METHOD split_quoted_delimiter.
    DATA(lt_fields) = zcl_erp_string_utils=>split_delimited( `"Miller; Sons";Leeds` ).

    cl_abap_unit_assert=>assert_equals( act = lt_fields exp = VALUE string_table( ( `Miller; Sons` ) ( `Leeds` ) ) ).
  ENDMETHOD.


  METHOD split_doubled_quote.
    DATA(lt_fields) = zcl_erp_string_utils=>split_delimited( `"The ""Best"" Shop";X` ).

    cl_abap_unit_assert=>assert_equals( act = lt_fields[ 1 ] exp = `The "Best" Shop` ).
  ENDMETHOD.


  METHOD split_empty_fields.
    DATA(lt_fields) = zcl_erp_string_utils=>split_delimited( `a;;` ).

    cl_abap_unit_assert=>assert_equals( act = lines( lt_fields ) exp = 3 ).
  ENDMETHOD.


  METHOD join_quotes_when_needed.
    DATA(lv_line) = zcl_erp_string_utils=>join_delimited( VALUE #( ( `Miller; Sons` ) ( `Leeds` ) ) ).

    cl_abap_unit_assert=>assert_equals( act = lv_line exp = `"Miller; Sons";Leeds` ).
  ENDMETHOD.


  METHOD zeros_stripped.
    cl_abap_unit_assert=>assert_equals( act = zcl_erp_string_utils=>strip_leading_zeros( '0000104711' ) exp = `104711` ).
  ENDMETHOD.


  METHOD all_zeros_give_zero.
    cl_abap_unit_assert=>assert_equals( act = zcl_erp_string_utils=>strip_leading_zeros( '0000' ) exp = `0` ).
  ENDMETHOD.


  METHOD non_numeric_unchanged.
    cl_abap_unit_assert=>assert_equals( act = zcl_erp_string_utils=>strip_leading_zeros( '00AB12' ) exp = `00AB12` ).
  ENDMETHOD.


  METHOD control_characters_removed.
    DATA(lv_text) = |Line 1{ cl_abap_char_utilities=>newline }Line 2{ cl_abap_char_utilities=>horizontal_tab }end|.

    cl_abap_unit_assert=>assert_equals( act = zcl_erp_string_utils=>sanitize( lv_text ) exp = `Line 1 Line 2 end` ).
  ENDMETHOD.

ENDCLASS.
