@AccessControl.authorizationCheck: #CHECK
@EndUserText.label: 'Vendor open item balance per company code'
define view entity ZI_ERP_VendorBalance
  as select from I_OperationalAcctgDocItem
{
  key CompanyCode,
  key Supplier,
  key CompanyCodeCurrency,
      @Semantics.amount.currencyCode: 'CompanyCodeCurrency'
      sum( AmountInCompanyCodeCurrency ) as OpenAmount,
      count( * )                         as OpenItems
}
where
      FinancialAccountType = 'K'
  and ClearingDate         is initial
group by
  CompanyCode,
  Supplier,
  CompanyCodeCurrency
