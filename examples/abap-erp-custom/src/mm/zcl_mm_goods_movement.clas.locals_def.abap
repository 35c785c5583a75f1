*"* use this source file for any type of declarations (class
*"* definitions, interfaces or type declarations) you need for
*"* components in the private section
CLASS lcl_item_mapper DEFINITION FINAL.
  PUBLIC SECTION.
    TYPES ty_bapi_items TYPE STANDARD TABLE OF bapi2017_gm_item_create WITH EMPTY KEY.

    "! GM code of the BAPI for a movement type: 03 goods issue, 04 transfer posting.
    METHODS movement_code
      IMPORTING
        iv_bwart       TYPE bwart
      RETURNING
        VALUE(rv_code) TYPE gm_code.

    METHODS to_bapi_items
      IMPORTING
        it_items        TYPE zcl_mm_goods_movement=>ty_items
      RETURNING
        VALUE(rt_items) TYPE ty_bapi_items.
ENDCLASS.
