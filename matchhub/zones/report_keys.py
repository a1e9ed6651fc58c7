"""Report keys that can carry a target, with the unit their target is entered in."""

TARGET_KEYS: dict[str, str] = {
    "contract_volume_output": "元",
    "contract_volume_absorbed": "元",
    "contract_count_output": "项",
    "tech_income_output": "元",
    "large_contracts_output": "项",
    "national_transfer_institutions": "家",
    "university_transfer_institutions": "家",
    "professional_brokers": "人",
    "invention_patents_per_10k": "件",
    "hitech_revenue_share": "%",
    "knowledge_services_share": "%",
    "special_funds": "元",
    "maker_spaces": "个",
    "incubated_tech_firms": "家",
}
