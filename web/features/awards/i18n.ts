/** Strings of the leaderboard and award rounds (`awd.*`) and of the public page (`pub.*`), Indonesian first. */
export const awardsId = {
  title: 'Peringkat desa dan penghargaan',
};
export const awardsEn: typeof awardsId = {
  title: 'Village leaderboard and awards',
};
export const publicId = {
  title: 'Cakupan Jaminan Sosial Ketenagakerjaan',
};
export const publicEn: typeof publicId = {
  title: 'Employment social security coverage',
};
