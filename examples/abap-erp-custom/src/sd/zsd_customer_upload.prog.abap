*&---------------------------------------------------------------------*
*& Report ZSD_CUSTOMER_UPLOAD
*&---------------------------------------------------------------------*
*& Creates customer master records from a tab-separated file that the
*& sales back office exports from the CRM system every week.
*&
*& File layout (one customer per line, tab separated):
*&   account group, name, street, postal code, city, country, language,
*&   sales organisation, distribution channel, division, currency,
*&   payment terms, company code, reconciliation account
*&
*& Each line is posted with a batch input recording of XD01. Lines that
*& fail are written to an error file next to the input file.
*&---------------------------------------------------------------------*
REPORT zsd_customer_upload MESSAGE-ID zsd.

TYPES: BEGIN OF ty_upload,
         ktokd TYPE kna1-ktokd,
         name1 TYPE kna1-name1,
         stras TYPE kna1-stras,
         pstlz TYPE kna1-pstlz,
         ort01 TYPE kna1-ort01,
         land1 TYPE kna1-land1,
         spras TYPE kna1-spras,
         vkorg TYPE knvv-vkorg,
         vtweg TYPE knvv-vtweg,
         spart TYPE knvv-spart,
         waers TYPE knvv-waers,
         zterm TYPE knvv-zterm,
         bukrs TYPE knb1-bukrs,
         akont TYPE knb1-akont,
       END OF ty_upload.

DATA: gt_upload TYPE STANDARD TABLE OF ty_upload,
      gs_upload TYPE ty_upload.

DATA: BEGIN OF gt_raw OCCURS 0,
        line(1000) TYPE c,
      END OF gt_raw.

DATA: gt_bdcdata TYPE STANDARD TABLE OF bdcdata WITH HEADER LINE,
      gt_messages TYPE STANDARD TABLE OF bdcmsgcoll,
      gs_message  TYPE bdcmsgcoll.

DATA: gv_created TYPE i,
      gv_failed  TYPE i,
      gv_answer  TYPE c LENGTH 1,
      gv_kunnr   TYPE kna1-kunnr.

DATA: BEGIN OF gt_errors OCCURS 0,
        line(1000) TYPE c,
      END OF gt_errors.

CONSTANTS: gc_tab  TYPE c VALUE cl_abap_char_utilities=>horizontal_tab,
           gc_mode TYPE c VALUE 'N'.

PARAMETERS: p_file  TYPE rlgrap-filename OBLIGATORY DEFAULT 'C:\temp\customers.txt',
            p_efile TYPE rlgrap-filename DEFAULT 'C:\temp\customers_errors.txt',
            p_test  AS CHECKBOX DEFAULT 'X'.

*----------------------------------------------------------------------*
AT SELECTION-SCREEN ON VALUE-REQUEST FOR p_file.
*----------------------------------------------------------------------*
  CALL FUNCTION 'WS_FILENAME_GET'
    EXPORTING
      def_filename     = p_file
      mask             = ',*.txt,*.txt.'
      mode             = 'O'
      title            = 'Customer file'(t01)
    IMPORTING
      filename         = p_file
    EXCEPTIONS
      inv_winsys       = 1
      no_batch         = 2
      selection_cancel = 3
      selection_error  = 4
      OTHERS           = 5.
  IF sy-subrc <> 0 AND sy-subrc <> 3.
    MESSAGE ID sy-msgid TYPE 'S' NUMBER sy-msgno WITH sy-msgv1 sy-msgv2 sy-msgv3 sy-msgv4.
  ENDIF.

*----------------------------------------------------------------------*
START-OF-SELECTION.
*----------------------------------------------------------------------*
  PERFORM upload_file.
  PERFORM parse_lines.

  IF p_test IS INITIAL.
    CALL FUNCTION 'POPUP_TO_CONFIRM_STEP'
      EXPORTING
        textline1 = 'Create customers in the productive client?'(q01)
        titel     = 'Customer upload'(q02)
      IMPORTING
        answer    = gv_answer.
    IF gv_answer <> 'J'.
      MESSAGE s010.
      RETURN.
    ENDIF.
  ENDIF.

  LOOP AT gt_upload INTO gs_upload.
    PERFORM create_customer USING gs_upload.
  ENDLOOP.

  IF gt_errors[] IS NOT INITIAL.
    PERFORM download_errors.
  ENDIF.

  WRITE: / 'Customers created:'(r01), gv_created,
         / 'Lines with errors:'(r02), gv_failed.

*&---------------------------------------------------------------------*
*& Form UPLOAD_FILE
*&---------------------------------------------------------------------*
FORM upload_file.
  REFRESH gt_raw.

  CALL FUNCTION 'WS_UPLOAD'
    EXPORTING
      filename                = p_file
      filetype                = 'ASC'
    TABLES
      data_tab                = gt_raw
    EXCEPTIONS
      conversion_error        = 1
      file_open_error         = 2
      file_read_error         = 3
      invalid_type            = 4
      no_batch                = 5
      unknown_error           = 6
      invalid_table_width     = 7
      gui_refuse_filetransfer = 8
      customer_error          = 9
      OTHERS                  = 10.
  IF sy-subrc <> 0.
    MESSAGE e011 WITH p_file sy-subrc.
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form PARSE_LINES
*&---------------------------------------------------------------------*
FORM parse_lines.
  REFRESH gt_upload.

  LOOP AT gt_raw.
    CHECK sy-tabix > 1.
    CLEAR gs_upload.
    SPLIT gt_raw-line AT gc_tab INTO gs_upload-ktokd gs_upload-name1 gs_upload-stras
                                     gs_upload-pstlz gs_upload-ort01 gs_upload-land1
                                     gs_upload-spras gs_upload-vkorg gs_upload-vtweg
                                     gs_upload-spart gs_upload-waers gs_upload-zterm
                                     gs_upload-bukrs gs_upload-akont.
    TRANSLATE gs_upload-land1 TO UPPER CASE.
    APPEND gs_upload TO gt_upload.
  ENDLOOP.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form CREATE_CUSTOMER
*&---------------------------------------------------------------------*
FORM create_customer USING us_upload TYPE ty_upload.
  REFRESH gt_bdcdata.

  PERFORM bdc_dynpro USING 'SAPMF02D' '0100'.
  PERFORM bdc_field  USING 'BDC_OKCODE' '/00'.
  PERFORM bdc_field  USING 'RF02D-BUKRS' us_upload-bukrs.
  PERFORM bdc_field  USING 'RF02D-VKORG' us_upload-vkorg.
  PERFORM bdc_field  USING 'RF02D-VTWEG' us_upload-vtweg.
  PERFORM bdc_field  USING 'RF02D-SPART' us_upload-spart.
  PERFORM bdc_field  USING 'RF02D-KTOKD' us_upload-ktokd.

  PERFORM bdc_dynpro USING 'SAPMF02D' '0110'.
  PERFORM bdc_field  USING 'BDC_OKCODE' '/00'.
  PERFORM bdc_field  USING 'KNA1-NAME1' us_upload-name1.
  PERFORM bdc_field  USING 'KNA1-STRAS' us_upload-stras.
  PERFORM bdc_field  USING 'KNA1-PSTLZ' us_upload-pstlz.
  PERFORM bdc_field  USING 'KNA1-ORT01' us_upload-ort01.
  PERFORM bdc_field  USING 'KNA1-LAND1' us_upload-land1.
  PERFORM bdc_field  USING 'KNA1-SPRAS' us_upload-spras.

  PERFORM bdc_dynpro USING 'SAPMF02D' '0210'.
  PERFORM bdc_field  USING 'BDC_OKCODE' '/00'.
  PERFORM bdc_field  USING 'KNB1-AKONT' us_upload-akont.

  PERFORM bdc_dynpro USING 'SAPMF02D' '0310'.
  PERFORM bdc_field  USING 'BDC_OKCODE' '/00'.
  PERFORM bdc_field  USING 'KNVV-WAERS' us_upload-waers.
  PERFORM bdc_field  USING 'KNVV-ZTERM' us_upload-zterm.

  PERFORM bdc_dynpro USING 'SAPMF02D' '0310'.
  PERFORM bdc_field  USING 'BDC_OKCODE' '=UPDA'.

  IF p_test = 'X'.
    ADD 1 TO gv_created.
    RETURN.
  ENDIF.

  REFRESH gt_messages.
  CALL TRANSACTION 'XD01' USING gt_bdcdata
                          MODE gc_mode
                          UPDATE 'S'
                          MESSAGES INTO gt_messages.

  READ TABLE gt_messages INTO gs_message WITH KEY msgtyp = 'E'.
  IF sy-subrc = 0.
    ADD 1 TO gv_failed.
    CONCATENATE us_upload-name1 us_upload-ort01 gs_message-msgv1 INTO gt_errors-line SEPARATED BY gc_tab.
    APPEND gt_errors.
  ELSE.
    GET PARAMETER ID 'KUN' FIELD gv_kunnr.
    ADD 1 TO gv_created.
  ENDIF.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form BDC_DYNPRO
*&---------------------------------------------------------------------*
FORM bdc_dynpro USING uv_program TYPE clike uv_dynpro TYPE clike.
  CLEAR gt_bdcdata.
  gt_bdcdata-program = uv_program.
  gt_bdcdata-dynpro = uv_dynpro.
  gt_bdcdata-dynbegin = 'X'.
  APPEND gt_bdcdata.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form BDC_FIELD
*&---------------------------------------------------------------------*
FORM bdc_field USING uv_field TYPE clike uv_value TYPE any.
  CLEAR gt_bdcdata.
  gt_bdcdata-fnam = uv_field.
  WRITE uv_value TO gt_bdcdata-fval LEFT-JUSTIFIED.
  APPEND gt_bdcdata.
ENDFORM.

*&---------------------------------------------------------------------*
*& Form DOWNLOAD_ERRORS
*&---------------------------------------------------------------------*
FORM download_errors.
  CALL FUNCTION 'WS_DOWNLOAD'
    EXPORTING
      filename                = p_efile
      filetype                = 'ASC'
    TABLES
      data_tab                = gt_errors
    EXCEPTIONS
      file_open_error         = 1
      file_write_error        = 2
      invalid_filesize        = 3
      invalid_type            = 4
      no_batch                = 5
      unknown_error           = 6
      invalid_table_width     = 7
      gui_refuse_filetransfer = 8
      customer_error          = 9
      OTHERS                  = 10.
  IF sy-subrc <> 0.
    MESSAGE w012 WITH p_efile.
  ENDIF.
ENDFORM.
