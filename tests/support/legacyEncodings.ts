/**
 * ABAP programs of old SAP downloads, written in the code page of their logon language: what an SE38 dump of a
 * Korean, German, Japanese or Chinese system holds. The text is ours; the bytes come from iconv-lite.
 */
import { encode } from 'iconv-lite';

/** A stock list report with three comments and a message in the given language. */
const stockReport = (name: string, comments: readonly [string, string, string], message: string): string =>
  [
    `REPORT ${name}.`,
    '',
    `* ${comments[0]}`,
    'TABLES: mara, marc.',
    'DATA: lt_mara TYPE STANDARD TABLE OF mara,',
    '      ls_mara TYPE mara.',
    `" ${comments[1]}`,
    'SELECT * FROM mara INTO TABLE lt_mara UP TO 100 ROWS.',
    'LOOP AT lt_mara INTO ls_mara.',
    `  " ${comments[2]}`,
    '  WRITE: / ls_mara-matnr, ls_mara-mtart.',
    'ENDLOOP.',
    'IF sy-subrc <> 0.',
    `  MESSAGE '${message}' TYPE 'E'.`,
    'ENDIF.',
    'MOVE 1 TO sy-tabix.',
    '',
  ].join('\r\n');

/** A legacy file: its code page, its text, and its bytes as the download wrote them. */
type LegacyFile = { encoding: string; text: string; bytes: Buffer };

const legacy = (encoding: string, text: string): LegacyFile => ({ encoding, text, bytes: encode(text, encoding) });

/** Korean comments in CP949 (the code page of a Korean ECC system). */
const KOREAN_CP949 = legacy('cp949', stockReport('zmm_stock_kr', ['자재 마스터 조회 프로그램', '자재 데이터를 읽는다', '자재 번호와 유형을 출력'], '자재를 찾을 수 없습니다'));
/** German umlauts in windows-1252. */
const GERMAN_WINDOWS_1252 = legacy(
  'windows-1252',
  stockReport('zmm_stock_de', ['Prüfung der Bestände', 'Materialstamm lesen (Größe prüfen)', 'Ausgabe für jede Zeile'], 'Kein Material gefunden – bitte prüfen'),
);
/** Japanese comments in Shift_JIS. */
const JAPANESE_SHIFT_JIS = legacy('shift_jis', stockReport('zmm_stock_jp', ['在庫一覧プログラム', '品目マスタを読み込む', '品目番号を出力する'], '品目が見つかりません'));
/** Simplified Chinese in GB18030. */
const CHINESE_GB18030 = legacy('gb18030', stockReport('zmm_stock_cn', ['库存清单程序', '读取物料主数据', '输出物料编号'], '未找到物料'));
/** Traditional Chinese in Big5. */
const CHINESE_BIG5 = legacy('big5', stockReport('zmm_stock_tw', ['庫存清單程式', '讀取物料主資料', '輸出物料編號'], '找不到物料'));

export type { LegacyFile };
export { CHINESE_BIG5, CHINESE_GB18030, GERMAN_WINDOWS_1252, JAPANESE_SHIFT_JIS, KOREAN_CP949, stockReport };
