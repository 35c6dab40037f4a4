"""Japanese summaries of the demo initiatives (``summary_ja``), by slug: what Japanese pages show."""

SUMMARIES_JA = {
    "g7-ise-shima-energy-minerals-food": (
        "2016年の日本のG7議長国の下、首脳はエネルギー安全保障、重要鉱物資源、食料安全保障を議論した。"
    ),
    "g7-kitakyushu-energy-ministerial-2016": (
        "伊勢志摩サミットに先立ち、エネルギー大臣がエネルギー安全保障とクリーンエネルギーへの投資で合意した。"
    ),
    "g7-tsukuba-science-ministers-2016": (
        "国際保健、海洋の未来、クリーンエネルギー、包摂的イノベーションに関するつくばコミュニケ。"
    ),
    "visa-easing-inbound-visitors": (
        "アジアからの訪日客へのビザ免除と数次ビザにより、2016年の訪日客は2,400万人、消費額は3.7兆円に達した。"
    ),
    "five-eyes-membership-proposal": (
        "2020年、日本とファイブ・アイズ諸国の政治家が日本を「6番目の目」とする構想を提起した。"
    ),
    "ajccbc": "日・ASEAN統合基金によりバンコクで行う、ASEAN各国の政府職員と重要インフラ担当者の研修。",
    "asean-japan-cybersecurity-policy-meeting": (
        "情報共有、意識啓発、共同演習に関する年次の政策会議。2013年9月に東京で閣僚級に格上げされた。"
    ),
    "jica-cybersecurity-indonesia": "インドネシアの国家サイバー庁とのインシデント対応に関するJICAの技術協力。",
    "jica-cybersecurity-training-africa": "ケニア、ルワンダ、ガーナ、セネガルの政府職員を日本に招く課題別研修。",
    "igf-2023-kyoto": (
        "日本が国連のマルチステークホルダー・フォーラムを主催した。テーマは「私たちの望むインターネット」。"
    ),
    "data-free-flow-with-trust": (
        "信頼性のある国境を越えたデータ流通を目指す日本の提案。2019年のダボス会議とG20大阪サミットで打ち出された。"
    ),
    "hiroshima-ai-process": "高度なAIシステムを開発する組織向けのG7の指針と行動規範。",
    "oecd-haip-reporting-framework": "企業が高度AIの行動規範をどう実践しているかを公表する報告枠組み。",
    "science-technology-adviser-foreign-minister": (
        "2015年から科学者が外務大臣に助言し、日本の外交に科学を取り入れている。"
    ),
    "fmstan": "各国外務省の科学顧問が、外交政策に科学を生かす方法を比べ合うネットワーク。",
    "quad-critical-emerging-technology": (
        "技術標準、5Gの多様化、半導体サプライチェーン、バイオテクノロジーの動向把握での協力。"
    ),
    "jsps-core-to-core-asia-africa": "アジア・アフリカの若手研究者が日本の研究拠点と共同研究できるネットワーク。",
    "jsps-bilateral-kenya-drought-crops": "ケニアの半乾燥地でのソルガムとササゲの品種の共同圃場試験。",
    "jsps-postdoctoral-fellowships-foreign-researchers": "海外の若手研究者を1〜2年間、日本の大学に招くフェローシップ。",
    "jsps-overseas-research-fellowships": "日本の若手研究者が2年間海外で研究し、定職に就く前に人脈を築く制度。",
    "jsps-summer-program-2019": "北米・欧州の博士課程学生とポスドクが日本の研究室で10週間を過ごすプログラム。",
    "jsps-dfg-graduate-externship": "提携する大学院の博士課程学生が、互いの研究室に数か月滞在する。",
    "wpi-i2cner-kyushu": (
        "水素とカーボンニュートラル・エネルギーの世界から見える研究拠点。イリノイ大学にサテライトを置く。"
    ),
    "wpi-itbm-nagoya": "化学者と生物学者が一つ屋根の下で研究し、英語を共通語とする拠点。",
    "wpi-ircn-tokyo": "脳の知能がどのように発達するかを、神経科学と人工知能で探る。",
    "wpi-icredd-hokkaido": "計算科学、情報科学、実験を組み合わせて化学反応を設計する。",
    "belmont-forum-japan": (
        "JSTがベルモント・フォーラムの地球環境変動に関する国際共同研究に参加する日本のチームを支援する。"
    ),
    "belmont-forum-food-water-energy-nexus": (
        "日本、欧州、南北アメリカ、アフリカのチームが食料・水・エネルギーのトレードオフを研究する。"
    ),
    "jst-nsf-big-data-disaster": "日米のチームがビッグデータを災害対応とレジリエンスに生かす。",
    "ukri-jst-healthy-ageing": "日英両国の高齢化社会：地域ケア、テクノロジー、高齢期の働き方。",
    "cnrs-tohoku-materials-laboratory": "極限環境下の材料を研究する、仙台の日仏共同研究所。",
    "horizon-europe-association": "日本の研究者がEUの研究資金に対等な条件で参加できるようにするための予備協議。",
    "satreps-indonesia-peatland-fire": "中部カリマンタンの泥炭地での火災検知、地下水位管理、炭素収支の算定。",
    "satreps-philippines-earthquake-volcano": (
        "フィリピン火山地震研究所（PHIVOLCS）とのリアルタイム地震・火山観測と津波警報。"
    ),
    "satreps-chile-tsunami-resilience": "地震国どうしが共有する、津波のハザード評価、警報、避難計画。",
    "satreps-south-africa-infectious-disease-early-warning": (
        "季節気候予測をリンポポ州のマラリアと下痢症の流行予警報に生かす。"
    ),
    "satreps-brazil-amazon-carbon": "ブラジルのパートナーとともに、調査区から衛星まで森林炭素を観測する。",
    "satreps-viet-nam-mekong-salinity": "海面上昇に脅かされるデルタでの塩水遡上の予測と営農システム。",
    "ticad7-yokohama-2019": (
        "2019年8月28〜30日、横浜で日本とアフリカ53か国が、科学技術イノベーションと人材を横浜行動計画の中心に据えた。"
    ),
    "ticad9-yokohama-2025": "アフリカとともに解決策を共創する：民間投資、若者と女性、地域統合。",
    "pacific-climate-change-centre": "サモアで太平洋島嶼国の政府職員に気候変動適応と防災を研修する。",
    "sakura-science-exchange": "アジアなどの若者が日本の大学や研究室を短期間訪問する。",
    "e-asia-joint-research": "東アジア首脳会議の3か国以上が共同で資金を出す多国間の公募。",
    "tomodachi-initiative": (
        "2011年の震災復興から生まれた官民パートナーシップ。交流とリーダーシップ研修で日米の若者を育てる。"
    ),
    "us-japan-entrepreneurship-mentoring-network": (
        "工場閉鎖で職を失った人々が、日米の提携地域で中小企業やスタートアップを指導する。"
    ),
    "workation-rural-towns": (
        "白浜や軽井沢などのシェアオフィスと滞在施設を日米の企業に開き、高齢化が進む地域に働き手を呼び込む。"
    ),
    "wildfire-and-ageing-dialogue": (
        "山火事に直面する米国西部諸州と人口高齢化に直面する日本の県が、レジリエントな農村づくりの知見を交換する。"
    ),
    "english-presentation-training": (
        "英語での発表、人脈づくり、質疑応答の指導。多くの日本人研究者が海外での発表に苦労しているため。"
    ),
    "hitachi-utokyo-laboratory": (
        "エネルギーシステムとデータ駆動型都市に関する産学共同研究。成果は海外のパートナーとも共有する。"
    ),
    "sushi-tech-tokyo": "東京都が主催する、持続可能な都市の技術と世界の提携都市のスタートアップが集まるフォーラム。",
    "kenya-space-technology-partnership": "下書き：ナイロビ大学と衛星データを作物モニタリングに生かす。",
    "pacific-cybersecurity-capacity": (
        "下書き：ASEANのセンターをモデルに、フィジーとサモアでインシデント対応を研修する。"
    ),
    "wpi-2026-call": "下書き：文部科学省が新拠点を発表した時点で完成させる。",
}
