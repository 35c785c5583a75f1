FUNCTION-POOL zsd_delivery MESSAGE-ID zsd.

* Status values of the delivery header and items (domain STATV)
CONSTANTS: gc_not_processed TYPE statv VALUE 'A',
           gc_partially     TYPE statv VALUE 'B',
           gc_completed     TYPE statv VALUE 'C'.

TYPES: BEGIN OF gty_delivery_status,
         vbeln TYPE likp-vbeln,
         lfart TYPE likp-lfart,
         wadat TYPE likp-wadat_ist,
         gbstk TYPE statv,
         kostk TYPE statv,
         wbstk TYPE statv,
         fkstk TYPE statv,
       END OF gty_delivery_status.

* Buffer of the last delivery read, the RF transactions call the
* status module several times per screen.
DATA gs_buffer TYPE gty_delivery_status.
