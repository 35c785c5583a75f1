*"* use this source file for the definition and implementation of
*"* local helper classes, interface definitions and type
*"* declarations
CLASS lcl_db_condition_source IMPLEMENTATION.

  METHOD lif_condition_source~read_document_condition_number.
    SELECT SINGLE knumv FROM vbak INTO rv_knumv WHERE vbeln = iv_vbeln.
  ENDMETHOD.


  METHOD lif_condition_source~read_conditions.
    " Pricing elements of the document, in print order
    SELECT knumv kposn stunr zaehk kschl kbetr kwert waers kinak
      FROM konv
      INTO CORRESPONDING FIELDS OF TABLE rt_conditions
      WHERE knumv = iv_knumv
      ORDER BY PRIMARY KEY.
  ENDMETHOD.

ENDCLASS.
