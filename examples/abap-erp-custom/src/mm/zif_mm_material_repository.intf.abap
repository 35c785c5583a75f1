"! <p class="shorttext synchronized">Read access to material master data</p>
INTERFACE zif_mm_material_repository
  PUBLIC.

  TYPES:
    BEGIN OF ty_material,
      matnr TYPE matnr,
      mtart TYPE mtart,
      matkl TYPE matkl,
      meins TYPE meins,
      brgew TYPE brgew,
      ntgew TYPE ntgew,
      gewei TYPE gewei,
      maktx TYPE maktx,
    END OF ty_material,
    ty_materials TYPE SORTED TABLE OF ty_material WITH UNIQUE KEY matnr,
    ty_matnr_range TYPE RANGE OF matnr.

  "! One material with its description in the logon language.
  METHODS get
    IMPORTING
      iv_matnr           TYPE matnr
    RETURNING
      VALUE(rs_material) TYPE ty_material
    RAISING
      zcx_erp_error.

  "! Materials of a material type, optionally restricted by number.
  METHODS find_by_type
    IMPORTING
      iv_mtart            TYPE mtart
      it_matnr            TYPE ty_matnr_range OPTIONAL
    RETURNING
      VALUE(rt_materials) TYPE ty_materials.

ENDINTERFACE.
