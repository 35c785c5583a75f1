*"* use this source file for the definition and implementation of
*"* local helper classes, interface definitions and type
*"* declarations
CLASS lcl_item_mapper IMPLEMENTATION.

  METHOD movement_code.
    rv_code = SWITCH #( iv_bwart
                        WHEN '201' OR '202' OR '261' OR '262' OR '551' THEN '03'
                        WHEN '301' OR '311' OR '312' OR '411' OR '412' THEN '04'
                        WHEN '101' OR '102' THEN '01'
                        ELSE '06' ).
  ENDMETHOD.


  METHOD to_bapi_items.
    rt_items = VALUE #( FOR ls_item IN it_items
                        ( material   = ls_item-matnr
                          plant      = ls_item-werks
                          stge_loc   = ls_item-lgort
                          move_stloc = ls_item-umlgo
                          batch      = ls_item-charg
                          move_type  = ls_item-bwart
                          entry_qnt  = ls_item-menge
                          entry_uom  = ls_item-meins
                          costcenter = ls_item-kostl ) ).
  ENDMETHOD.

ENDCLASS.
