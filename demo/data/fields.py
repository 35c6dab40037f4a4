"""Research fields: (slug, name, Japanese name)."""

RESEARCH_FIELDS = [
    ("climate-science", "Climate science", "気候科学"),
    ("disaster-science", "Disaster science", "防災科学"),
    ("energy-systems", "Energy systems", "エネルギーシステム"),
    ("materials-science", "Materials science", "材料科学"),
    ("earth-resources", "Earth and mineral resources", "地球資源科学"),
    ("agriculture-food", "Agriculture and food science", "農学・食料科学"),
    ("public-health", "Public health", "公衆衛生学"),
    ("infectious-diseases", "Infectious diseases", "感染症学"),
    ("information-security", "Information security", "情報セキュリティ"),
    ("artificial-intelligence", "Artificial intelligence", "人工知能"),
    ("ocean-science", "Ocean science", "海洋科学"),
    ("forest-fire-science", "Forest and fire science", "森林・火災科学"),
    ("economics", "Economics", "経済学"),
    ("international-relations", "International relations", "国際関係論"),
    ("gerontology", "Demography and gerontology", "人口学・老年学"),
    ("tourism-studies", "Tourism studies", "観光学"),
    ("neuroscience", "Neuroscience", "神経科学"),
]
