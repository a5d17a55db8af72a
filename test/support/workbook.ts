import ExcelJS from 'exceljs';

/** Opens an .xlsx as exceljs reads it (its types want an ArrayBuffer; it takes a Buffer too). */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
