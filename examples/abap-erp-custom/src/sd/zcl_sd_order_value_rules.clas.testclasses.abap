*"* use this source file for your ABAP unit test classes
CLASS ltc_order_value_rules DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_cut TYPE REF TO zcl_sd_order_value_rules.

    METHODS setup.
    METHODS small_order_needs_nothing FOR TESTING.
    METHODS value_above_teamlead_limit FOR TESTING.
    METHODS value_above_director_limit FOR TESTING.
    METHODS high_discount_needs_director FOR TESTING.
    METHODS overdue_items_need_teamlead FOR TESTING.
    METHODS new_customer_half_limit FOR TESTING.
    METHODS highest_rule_wins FOR TESTING.
ENDCLASS.


CLASS ltc_order_value_rules IMPLEMENTATION.

  METHOD setup.
    mo_cut = NEW #( VALUE #( teamlead_value    = 50000
                             director_value    = 250000
                             teamlead_discount = 10
                             director_discount = 25 ) ).
  ENDMETHOD.


  METHOD small_order_needs_nothing.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 1000 ) )
      exp = zcl_sd_order_value_rules=>c_level-none ).
  ENDMETHOD.


  METHOD value_above_teamlead_limit.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 60000 ) )
      exp = zcl_sd_order_value_rules=>c_level-teamlead ).
  ENDMETHOD.


  METHOD value_above_director_limit.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 300000 ) )
      exp = zcl_sd_order_value_rules=>c_level-director ).
  ENDMETHOD.


  METHOD high_discount_needs_director.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 1000 discount_percent = 30 ) )
      exp = zcl_sd_order_value_rules=>c_level-director ).
  ENDMETHOD.


  METHOD overdue_items_need_teamlead.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 1000 overdue_items = 2 ) )
      exp = zcl_sd_order_value_rules=>c_level-teamlead ).
  ENDMETHOD.


  METHOD new_customer_half_limit.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 30000 new_customer = abap_true ) )
      exp = zcl_sd_order_value_rules=>c_level-teamlead ).
  ENDMETHOD.


  METHOD highest_rule_wins.
    cl_abap_unit_assert=>assert_equals(
      act = mo_cut->required_level( VALUE #( net_value = 300000 discount_percent = 12 overdue_items = 1 ) )
      exp = zcl_sd_order_value_rules=>c_level-director ).
  ENDMETHOD.

ENDCLASS.
