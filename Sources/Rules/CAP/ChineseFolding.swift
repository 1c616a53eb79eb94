/// Folds Traditional Chinese characters to their Simplified forms, for matching only (SPEC
/// §3.2.1): kind patterns, level patterns, colour words and area names are compared after the
/// same folding of both sides, so 颱風 matches 台风 and 紅色 reads as 红色.
///
/// Invariants:
/// - A fixed table of the characters that differ in warning texts (hazards, colours, signal
///   names, administrative suffixes, common verbs of a warning); one character maps to one
///   character, so folding keeps the text's length and the positions of what it finds.
/// - Characters outside the table, and every non-Chinese character, are left as they are.
///   Folding never changes what is stored or shown: titles and texts keep what the sender wrote.
/// - No ICU transform at run time (it would load ICU data into an idle daemon); the table is a
///   dictionary built once.
public enum ChineseFolding {
    /// Traditional → Simplified, as pairs of strings of equal length.
    private static let pairs: [(String, String)] = [
        ("颱風颶熱帶氣旋風球號強烈暴豪雨雲雷電閃擊", "台风飓热带气旋风球号强烈暴豪雨云雷电闪击"),
        ("紅黃藍綠橙黑白色", "红黄蓝绿橙黑白色"),
        ("警報預信發佈布告訊號戒備維持取消解除", "警报预信发布布告讯号戒备维持取消解除"),
        ("洪澇內積漲潮湧浪淹沒氾濫決堤壩庫洩", "洪涝内积涨潮涌浪淹没泛滥决堤坝库泄"),
        ("山泥傾瀉塌陷崩滑坡災害險區域縣鄉鎮區", "山泥倾泻塌陷崩滑坡灾害险区域县乡镇区"),
        ("森林草原火險燒著煙霧霾冰雹凍霜寒溫乾旱", "森林草原火险烧着烟雾霾冰雹冻霜寒温干旱"),
        ("級將為門關閉範圍時間後開從請應對這過進還", "级将为门关闭范围时间后开从请应对这过进还"),
        ("東南西北邊無與於當會機構體發現測報導", "东南西北边无与于当会机构体发现测报导"),
        ("臺灣澳門廣佛陽楊鄰興華縣區街道社區島嶼", "台湾澳门广佛阳杨邻兴华县区街道社区岛屿"),
    ]

    private static let table: [Character: Character] = {
        var table: [Character: Character] = [:]
        for (traditional, simplified) in pairs {
            for (from, to) in zip(traditional, simplified) where from != to { table[from] = to }
        }
        return table
    }()

    /// `text` with every tabled Traditional character replaced by its Simplified form.
    public static func fold(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3400 }) else { return text }
        return String(text.map { table[$0] ?? $0 })
    }
}
