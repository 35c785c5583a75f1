*******************************************************************
*   System-defined Include-files.                                 *
*******************************************************************
  INCLUDE lzsd_deliverytop.                  " Global Declarations
  INCLUDE lzsd_deliveryuxx.                  " Function Modules

*******************************************************************
*   User-defined Include-files (if necessary).                    *
*******************************************************************
* INCLUDE LZSD_DELIVERYF...                  " Subroutines
* INCLUDE LZSD_DELIVERYO...                  " PBO-Modules
* INCLUDE LZSD_DELIVERYI...                  " PAI-Modules
* INCLUDE LZSD_DELIVERYE...                  " Events
* INCLUDE LZSD_DELIVERYP...                  " Local class implement.
* INCLUDE LZSD_DELIVERYT99.                  " ABAP Unit tests
