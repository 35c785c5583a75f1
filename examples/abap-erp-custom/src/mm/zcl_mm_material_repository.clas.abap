"! <p class="shorttext synchronized">Material master read access with buffer</p>
CLASS zcl_mm_material_repository DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_mm_material_repository.

    "! Maximum number of buffered materials before the buffer is reset.
    CONSTANTS c_buffer_limit TYPE i VALUE 5000.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mt_buffer TYPE zif_mm_material_repository=>ty_materials.

    METHODS remember
      IMPORTING
        is_material TYPE zif_mm_material_repository=>ty_material.
ENDCLASS.



CLASS zcl_mm_material_repository IMPLEMENTATION.

  METHOD zif_mm_material_repository~get.
    READ TABLE mt_buffer INTO rs_material WITH TABLE KEY matnr = iv_matnr.
    IF sy-subrc = 0.
      RETURN.
    ENDIF.

    SELECT SINGLE m~matnr, m~mtart, m~matkl, m~meins, m~brgew, m~ntgew, m~gewei, t~maktx
      FROM mara AS m
      LEFT OUTER JOIN makt AS t ON t~matnr = m~matnr AND t~spras = @sy-langu
      WHERE m~matnr = @iv_matnr
      INTO CORRESPONDING FIELDS OF @rs_material.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_erp_error
        EXPORTING
          textid    = zcx_erp_error=>not_found
          iv_object = 'MARA'
          iv_key    = iv_matnr.
    ENDIF.

    remember( rs_material ).
  ENDMETHOD.


  METHOD zif_mm_material_repository~find_by_type.
    SELECT m~matnr, m~mtart, m~matkl, m~meins, m~brgew, m~ntgew, m~gewei, t~maktx
      FROM mara AS m
      LEFT OUTER JOIN makt AS t ON t~matnr = m~matnr AND t~spras = @sy-langu
      WHERE m~mtart = @iv_mtart
        AND m~matnr IN @it_matnr
        AND m~lvorm = @space
      ORDER BY m~matnr
      INTO CORRESPONDING FIELDS OF TABLE @rt_materials.

    LOOP AT rt_materials INTO DATA(ls_material).
      remember( ls_material ).
    ENDLOOP.
  ENDMETHOD.


  METHOD remember.
    IF lines( mt_buffer ) >= c_buffer_limit.
      CLEAR mt_buffer.
    ENDIF.
    INSERT is_material INTO TABLE mt_buffer.
  ENDMETHOD.

ENDCLASS.
