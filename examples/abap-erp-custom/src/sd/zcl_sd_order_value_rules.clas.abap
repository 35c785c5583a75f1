"! <p class="shorttext synchronized">Approval rules for high-value sales orders</p>
"! Decides which approval level a sales order needs before delivery:
"! none, team lead or sales director, from the order value in company
"! code currency, the customer's payment history and the discount given.
"! Called from the order user exit (MV45AFZZ, USEREXIT_SAVE_DOCUMENT).
CLASS zcl_sd_order_value_rules DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES ty_level TYPE c LENGTH 1.

    CONSTANTS:
      BEGIN OF c_level,
        none     TYPE ty_level VALUE ' ',
        teamlead TYPE ty_level VALUE 'T',
        director TYPE ty_level VALUE 'D',
      END OF c_level.

    TYPES:
      BEGIN OF ty_order,
        vbeln            TYPE vbeln_va,
        net_value        TYPE netwr_ak,
        discount_percent TYPE p LENGTH 5 DECIMALS 2,
        overdue_items    TYPE i,
        new_customer     TYPE abap_bool,
      END OF ty_order,
      BEGIN OF ty_limits,
        teamlead_value    TYPE netwr_ak,
        director_value    TYPE netwr_ak,
        teamlead_discount TYPE p LENGTH 5 DECIMALS 2,
        director_discount TYPE p LENGTH 5 DECIMALS 2,
      END OF ty_limits.

    METHODS constructor
      IMPORTING
        is_limits TYPE ty_limits.

    "! Required approval level, the highest of all rules that apply.
    METHODS required_level
      IMPORTING
        is_order        TYPE ty_order
      RETURNING
        VALUE(rv_level) TYPE ty_level.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA ms_limits TYPE ty_limits.

    CLASS-METHODS higher
      IMPORTING
        iv_first        TYPE ty_level
        iv_second       TYPE ty_level
      RETURNING
        VALUE(rv_level) TYPE ty_level.
ENDCLASS.



CLASS zcl_sd_order_value_rules IMPLEMENTATION.

  METHOD constructor.
    ms_limits = is_limits.
  ENDMETHOD.


  METHOD required_level.
    rv_level = c_level-none.

    IF is_order-net_value >= ms_limits-director_value.
      rv_level = higher( iv_first = rv_level iv_second = c_level-director ).
    ELSEIF is_order-net_value >= ms_limits-teamlead_value.
      rv_level = higher( iv_first = rv_level iv_second = c_level-teamlead ).
    ENDIF.

    IF is_order-discount_percent >= ms_limits-director_discount.
      rv_level = higher( iv_first = rv_level iv_second = c_level-director ).
    ELSEIF is_order-discount_percent >= ms_limits-teamlead_discount.
      rv_level = higher( iv_first = rv_level iv_second = c_level-teamlead ).
    ENDIF.

    " Customers with overdue items, and new customers above half the
    " team lead limit, always need at least the team lead.
    IF is_order-overdue_items > 0
       OR ( is_order-new_customer = abap_true AND is_order-net_value >= ms_limits-teamlead_value / 2 ).
      rv_level = higher( iv_first = rv_level iv_second = c_level-teamlead ).
    ENDIF.
  ENDMETHOD.


  METHOD higher.
    rv_level = COND #( WHEN iv_first = c_level-director OR iv_second = c_level-director THEN c_level-director
                       WHEN iv_first = c_level-teamlead OR iv_second = c_level-teamlead THEN c_level-teamlead
                       ELSE c_level-none ).
  ENDMETHOD.

ENDCLASS.
