/** Strings of the claims list, the report form and the claim page (`clm.*`), Indonesian first. */
export const claimsId = {
  listTitle: 'Klaim & manfaat',
  reportTitle: 'Laporkan kejadian',
  detailTitle: 'Klaim',
};

export const claimsEn: typeof claimsId = {
  listTitle: 'Claims & benefits',
  reportTitle: 'Report an event',
  detailTitle: 'Claim',
};
