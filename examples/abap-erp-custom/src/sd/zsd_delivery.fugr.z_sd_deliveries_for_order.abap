FUNCTION z_sd_deliveries_for_order.
*"----------------------------------------------------------------------
*"*"Local Interface:
*"  IMPORTING
*"     VALUE(IV_VBELN) TYPE  VBELN_VA
*"  EXPORTING
*"     VALUE(ET_DELIVERIES) TYPE  ZSD_T_DELIVERY_ITEM
*"----------------------------------------------------------------------
* Delivery items created with reference to a sales order, in delivery
* and item order.
  SELECT vbeln, posnr, matnr, lfimg, meins, vgpos
    FROM lips
    WHERE vgbel = @iv_vbeln
    ORDER BY vbeln, posnr
    INTO CORRESPONDING FIELDS OF TABLE @et_deliveries.
ENDFUNCTION.
