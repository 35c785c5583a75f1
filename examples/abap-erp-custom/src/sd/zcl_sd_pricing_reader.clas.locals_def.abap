*"* use this source file for any type of declarations (class
*"* definitions, interfaces or type declarations) you need for
*"* components in the private section
INTERFACE lif_condition_source.
  METHODS read_document_condition_number
    IMPORTING
      iv_vbeln        TYPE vbeln_va
    RETURNING
      VALUE(rv_knumv) TYPE knumv.

  METHODS read_conditions
    IMPORTING
      iv_knumv             TYPE knumv
    RETURNING
      VALUE(rt_conditions) TYPE zcl_sd_pricing_reader=>ty_conditions.
ENDINTERFACE.

CLASS lcl_db_condition_source DEFINITION FINAL.
  PUBLIC SECTION.
    INTERFACES lif_condition_source.
ENDCLASS.
