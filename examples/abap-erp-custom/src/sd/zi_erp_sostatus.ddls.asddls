@AbapCatalog.sqlViewName: 'ZIERPSOSTATUS'
@AbapCatalog.compiler.compareFilter: true
@AccessControl.authorizationCheck: #CHECK
@EndUserText.label: 'Sales order with header status'
define view ZI_ERP_SOSTATUS
  as select from vbak
    inner join   vbuk on vbuk.vbeln = vbak.vbeln
{
  key vbak.vbeln as SalesOrder,
      vbak.auart as SalesOrderType,
      vbak.vkorg as SalesOrganization,
      vbak.kunnr as SoldToParty,
      vbak.erdat as CreationDate,
      @Semantics.amount.currencyCode: 'TransactionCurrency'
      vbak.netwr as NetAmount,
      vbak.waerk as TransactionCurrency,
      vbuk.gbstk as OverallStatus,
      vbuk.lfstk as DeliveryStatus,
      vbuk.fkstk as BillingStatus
}
