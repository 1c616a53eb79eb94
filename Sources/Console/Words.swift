import Dispatcher
import Rules

/// Names of states and levels on the pages, in the page's language.
extension Language {
    func orderState(_ state: OrderRecord.State) -> String {
        switch state {
        case .issued: t("已下达", "issued")
        case .escalated: t("已升级", "escalated")
        case .accepted: t("已接收", "accepted")
        case .arrived: t("已到场", "arrived")
        case .completed: t("已完成", "completed")
        case .declined: t("已拒绝", "declined")
        case .stoodDown: t("已撤回", "stood down")
        case .unacknowledged: t("无应答", "unacknowledged")
        }
    }

    func warningLevel(_ name: String) -> String {
        guard let level = WarningLevel(name: name) else { return name }
        return isChinese ? level.chineseName + "预警" : level.name
    }

    func response(_ name: String?) -> String {
        guard let name else { return t("无响应", "no response") }
        return t("\(name)级响应", "response \(name)")
    }

    func incidentState(_ state: IncidentRecord.State) -> String {
        switch state {
        case .active: t("生效", "active")
        case .lifted: t("已解除", "lifted")
        case .closed: t("已结束", "closed")
        }
    }

    func kind(_ kind: String?) -> String {
        guard let kind else { return t("未分类", "unclassified") }
        guard isChinese else { return kind }
        return ["typhoon": "台风", "storm": "暴雨", "wildfire": "森林火险", "landslide": "地质灾害",
                "drill": "演练", "flood": "洪水", "earthquake": "地震"][kind] ?? kind
    }
}
