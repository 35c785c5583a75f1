"! <p class="shorttext synchronized">Application log for custom ERP developments</p>
"! Collects messages of one business process run and saves them to the
"! application log (SLG1) under object ZERP, so that batch jobs and dialog
"! programs report problems the same way.
INTERFACE zif_erp_logger
  PUBLIC.

  TYPES:
    BEGIN OF ty_message,
      msgty TYPE symsgty,
      msgid TYPE symsgid,
      msgno TYPE symsgno,
      msgv1 TYPE symsgv,
      msgv2 TYPE symsgv,
      msgv3 TYPE symsgv,
      msgv4 TYPE symsgv,
      text  TYPE string,
    END OF ty_message,
    ty_messages TYPE STANDARD TABLE OF ty_message WITH EMPTY KEY.

  CONSTANTS:
    BEGIN OF c_severity,
      error   TYPE symsgty VALUE 'E',
      warning TYPE symsgty VALUE 'W',
      info    TYPE symsgty VALUE 'I',
      success TYPE symsgty VALUE 'S',
    END OF c_severity.

  "! Adds a free text message.
  METHODS add_text
    IMPORTING
      iv_text     TYPE csequence
      iv_severity TYPE symsgty DEFAULT c_severity-info.

  "! Adds the current system message (SY-MSGID, SY-MSGNO, ...).
  METHODS add_sy_message.

  "! Adds the message of an exception and of all its previous exceptions.
  METHODS add_exception
    IMPORTING
      ix_error TYPE REF TO cx_root.

  "! True if at least one message of severity E, A or X was added.
  METHODS has_errors
    RETURNING
      VALUE(rv_has_errors) TYPE abap_bool.

  "! All messages in the order they were added.
  METHODS get_messages
    RETURNING
      VALUE(rt_messages) TYPE ty_messages.

  "! Saves the log to the database; commits only if iv_commit is set.
  METHODS save
    IMPORTING
      iv_commit TYPE abap_bool DEFAULT abap_false
    RAISING
      zcx_erp_error.

ENDINTERFACE.
