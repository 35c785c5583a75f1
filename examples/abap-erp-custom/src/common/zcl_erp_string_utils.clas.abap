"! <p class="shorttext synchronized">String helpers for interfaces and file exports</p>
CLASS zcl_erp_string_utils DEFINITION
  PUBLIC
  FINAL
  CREATE PRIVATE.

  PUBLIC SECTION.
    "! Splits a delimited line; quoted fields may contain the delimiter,
    "! a doubled quote inside quotes stands for one quote.
    CLASS-METHODS split_delimited
      IMPORTING
        iv_line          TYPE string
        iv_delimiter     TYPE c DEFAULT ';'
        iv_quote         TYPE c DEFAULT '"'
      RETURNING
        VALUE(rt_fields) TYPE string_table.

    "! Joins fields to a delimited line, quoting fields that need it.
    CLASS-METHODS join_delimited
      IMPORTING
        it_fields      TYPE string_table
        iv_delimiter   TYPE c DEFAULT ';'
        iv_quote       TYPE c DEFAULT '"'
      RETURNING
        VALUE(rv_line) TYPE string.

    "! Removes leading zeros of a numeric key (customer, vendor, document)
    "! for display in external systems; non-numeric keys stay unchanged.
    CLASS-METHODS strip_leading_zeros
      IMPORTING
        iv_value        TYPE csequence
      RETURNING
        VALUE(rv_value) TYPE string.

    "! Replaces characters external systems cannot take (line breaks,
    "! tabs, non-printable characters) by a space.
    CLASS-METHODS sanitize
      IMPORTING
        iv_text        TYPE csequence
      RETURNING
        VALUE(rv_text) TYPE string.

  PROTECTED SECTION.
  PRIVATE SECTION.
ENDCLASS.



CLASS zcl_erp_string_utils IMPLEMENTATION.

  METHOD split_delimited.
    DATA lv_field TYPE string.
    DATA lv_in_quotes TYPE abap_bool.
    DATA lv_offset TYPE i.

    DATA(lv_length) = strlen( iv_line ).
    WHILE lv_offset < lv_length.
      DATA(lv_char) = iv_line+lv_offset(1).
      IF lv_in_quotes = abap_true.
        IF lv_char = iv_quote.
          DATA(lv_next) = lv_offset + 1.
          IF lv_next < lv_length AND iv_line+lv_next(1) = iv_quote.
            lv_field = lv_field && iv_quote.
            lv_offset = lv_offset + 1.
          ELSE.
            lv_in_quotes = abap_false.
          ENDIF.
        ELSE.
          lv_field = lv_field && lv_char.
        ENDIF.
      ELSEIF lv_char = iv_quote.
        lv_in_quotes = abap_true.
      ELSEIF lv_char = iv_delimiter.
        APPEND lv_field TO rt_fields.
        CLEAR lv_field.
      ELSE.
        lv_field = lv_field && lv_char.
      ENDIF.
      lv_offset = lv_offset + 1.
    ENDWHILE.
    APPEND lv_field TO rt_fields.
  ENDMETHOD.


  METHOD join_delimited.
    DATA lt_quoted TYPE string_table.

    LOOP AT it_fields INTO DATA(lv_field).
      IF lv_field CA iv_delimiter OR lv_field CA iv_quote OR lv_field CA cl_abap_char_utilities=>newline.
        DATA(lv_escaped) = replace( val = lv_field sub = iv_quote with = iv_quote && iv_quote occ = 0 ).
        APPEND iv_quote && lv_escaped && iv_quote TO lt_quoted.
      ELSE.
        APPEND lv_field TO lt_quoted.
      ENDIF.
    ENDLOOP.
    rv_line = concat_lines_of( table = lt_quoted sep = iv_delimiter ).
  ENDMETHOD.


  METHOD strip_leading_zeros.
    rv_value = iv_value.
    IF rv_value CO '0123456789' AND rv_value IS NOT INITIAL.
      SHIFT rv_value LEFT DELETING LEADING '0'.
      IF rv_value IS INITIAL.
        rv_value = '0'.
      ENDIF.
    ENDIF.
  ENDMETHOD.


  METHOD sanitize.
    rv_text = iv_text.
    REPLACE ALL OCCURRENCES OF cl_abap_char_utilities=>cr_lf IN rv_text WITH ` `.
    REPLACE ALL OCCURRENCES OF cl_abap_char_utilities=>newline IN rv_text WITH ` `.
    REPLACE ALL OCCURRENCES OF cl_abap_char_utilities=>horizontal_tab IN rv_text WITH ` `.
    REPLACE ALL OCCURRENCES OF PCRE '[[:cntrl:]]' IN rv_text WITH ` `.
    CONDENSE rv_text.
  ENDMETHOD.

ENDCLASS.
