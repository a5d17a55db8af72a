import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';

import { ANSWER_SHEET_COLUMNS, excelDate, renderAnswerSheet } from '../../../src/report/answer-sheet';
import { parseSheetReaderKey, sheetReaderKey } from '../../../src/report/signed-links';
import { readWorkbook } from '../../support/workbook';
import { round } from '../domain/fixtures';

describe('renderAnswerSheet', () => {
  async function workbookOf(answer: string): Promise<ExcelJS.Workbook> {
    return readWorkbook(
      await renderAnswerSheet(
        {
          round: round({ kind: 'jaarverslag' }),
          rows: [
            {
              number: '4.2.3',
              title: 'Zaakgericht werken',
              speerpunt: 'Kwaliteit',
              owners: ['olaf@gemeenten.example', 'sanne@gemeenten.example'],
              delegates: [],
              version: 1,
              versions: 1,
              status: 'vertraagd',
              answer,
              submittedBy: 'Olaf Eigenaar',
              submittedAt: '2021-10-31T00:30:00.000Z',
            },
          ],
          projects: 1,
          answered: 1,
        },
        new Date('2022-01-10T09:00:00.000Z'),
      ),
    );
  }

  it('writes what an owner typed as text, never as a formula', async () => {
    const sheet = (await workbookOf('=HYPERLINK("https://evil.example","klik")')).getWorksheet('Antwoorden');
    const cell = sheet?.getRow(2).getCell(8);

    assert.equal(cell?.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, '=HYPERLINK("https://evil.example","klik")');
  });

  it('gives the Dutch and the English sheet the same rows, each with its own words', async () => {
    const workbook = await workbookOf('Loopt.');
    const [nl, en] = workbook.worksheets;

    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['Antwoorden', 'Answers'],
    );
    assert.deepEqual(
      (nl?.getRow(1).values as unknown[]).slice(1),
      ANSWER_SHEET_COLUMNS.map((column) => column.nl),
    );
    assert.deepEqual(
      (en?.getRow(1).values as unknown[]).slice(1),
      ANSWER_SHEET_COLUMNS.map((column) => column.en),
    );
    assert.equal(nl?.getRow(2).getCell(4).value, 'olaf@gemeenten.example; sanne@gemeenten.example');
    assert.equal(nl.getRow(2).getCell(6).value, 'Vertraagd');
    assert.equal(en?.getRow(2).getCell(6).value, 'Delayed');
  });
});

describe('excelDate', () => {
  it('keeps the wall-clock time in Amsterdam, across the change to winter time', () => {
    // 00:30 UTC on 31 October 2021 is 02:30 summer time; 01:30 UTC is 02:30 winter time.
    assert.equal(excelDate('2021-10-31T00:30:00.000Z')?.toISOString(), '2021-10-31T02:30:00.000Z');
    assert.equal(excelDate('2021-10-31T01:30:00.000Z')?.toISOString(), '2021-10-31T02:30:00.000Z');
    assert.equal(excelDate('2021-12-31T23:30:00.000Z')?.toISOString(), '2022-01-01T00:30:00.000Z');
    assert.equal(excelDate(undefined), undefined);
    assert.equal(excelDate('not a date'), undefined);
  });
});

describe('the reader an answer sheet link names', () => {
  it('reads back what it wrote, and nothing that would name another path', () => {
    for (const reader of [
      { scope: 'all' } as const,
      { scope: 'own', id: '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13' } as const,
      { scope: 'own', id: '7a1e4d2c-5b8f-4c3a-9e6d-2f0b8c7a5d13', email: 'olaf@gemeenten.example' } as const,
    ]) {
      assert.deepEqual(parseSheetReaderKey(sheetReaderKey(reader)), reader);
    }
    for (const key of ['', 'x/y', '../alle', 'a,b,c', 'id,mail with space']) {
      assert.equal(parseSheetReaderKey(key), undefined, key);
    }
  });
});
