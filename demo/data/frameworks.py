"""Frameworks initiatives belong to: (slug, name, Japanese name, description)."""

FRAMEWORKS = [
    (
        "g7-presidency",
        "G7 presidency",
        "G7議長国",
        "Meetings and ministerials Japan hosts when it holds the G7 presidency (Ise-Shima 2016, Hiroshima 2023).",
    ),
    (
        "belmont-forum",
        "Belmont Forum",
        "ベルモント・フォーラム",
        "Funders of global environmental change research; JST is Japan's member and joins its Collaborative "
        "Research Actions.",
    ),
    (
        "ticad",
        "TICAD (Tokyo International Conference on African Development)",
        "アフリカ開発会議（TICAD）",
        "Japan's summit process on African development, co-organised with the UN, UNDP, the World Bank and the "
        "African Union Commission.",
    ),
    (
        "satreps",
        "SATREPS",
        "地球規模課題対応国際科学技術協力プログラム（SATREPS）",
        "Science and Technology Research Partnership for Sustainable Development: JST and JICA fund joint research "
        "with developing countries on global issues.",
    ),
    (
        "jsps-core-to-core",
        "JSPS Core-to-Core Program",
        "日本学術振興会 研究拠点形成事業",
        "Networks between research centres in Japan and abroad, including Asia–Africa science platforms.",
    ),
    (
        "jsps-bilateral",
        "JSPS Bilateral Program",
        "日本学術振興会 二国間交流事業",
        "Joint research projects and seminars with counterpart agencies abroad.",
    ),
    (
        "wpi",
        "World Premier International Research Center Initiative (WPI)",
        "世界トップレベル研究拠点プログラム（WPI）",
        "MEXT's programme for globally visible research centres that attract top researchers from abroad.",
    ),
    (
        "igf",
        "Internet Governance Forum",
        "インターネット・ガバナンス・フォーラム",
        "The UN's multi-stakeholder forum on internet policy; Japan hosted IGF 2023 in Kyoto.",
    ),
    ("quad", "Quad", "日米豪印（クアッド）", "Australia, India, Japan and the United States."),
    (
        "five-eyes",
        "Five Eyes",
        "ファイブ・アイズ",
        "Intelligence alliance of Australia, Canada, New Zealand, the United Kingdom and the United States.",
    ),
    (
        "sakura-science",
        "Sakura Science Exchange Program",
        "日本・アジア青少年サイエンス交流事業（さくらサイエンスプログラム）",
        "JST's short visits to Japan for young people from Asia and beyond.",
    ),
    (
        "e-asia",
        "e-ASIA Joint Research Program",
        "e-ASIA共同研究プログラム",
        "Multilateral joint research among East Asia Summit countries, coordinated by JST.",
    ),
]
