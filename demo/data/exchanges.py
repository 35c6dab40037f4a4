"""Research stays: (researcher slug, host organization slug or None, host country, programme, direction, start, end).

``country`` is where the stay takes place: abroad for outbound stays, Japan for inbound ones.
The years run from 2010 to the present so the reports have a time series.
"""

from datetime import date

from people.models import ExchangeDirection

OUT, IN = ExchangeDirection.OUTBOUND, ExchangeDirection.INBOUND

OVERSEAS = "JSPS Overseas Research Fellowship"
POSTDOC = "JSPS Postdoctoral Fellowship for Research in Japan"
BILATERAL = "JSPS Bilateral Program"
CORE = "JSPS Core-to-Core Program"
SAKURA = "Sakura Science Exchange Program"
SATREPS = "SATREPS"

# fmt: off
EXCHANGES = [
    ("tanaka-haruka", "u-edinburgh", "GB", OVERSEAS, OUT, date(2019, 4, 1), date(2021, 3, 31)),
    ("tanaka-haruka", "csiro", "AU", "Belmont Forum project visit", OUT, date(2023, 2, 6), date(2023, 3, 3)),
    ("sato-kenji", "phivolcs", "PH", SATREPS, OUT, date(2011, 6, 1), date(2011, 8, 31)),
    ("sato-kenji", "u-chile", "CL", SATREPS, OUT, date(2014, 10, 1), date(2014, 12, 20)),
    ("suzuki-yui", "u-washington", "US", "TOMODACHI Initiative fellowship", OUT, date(2016, 9, 1), date(2017, 6, 30)),
    ("takahashi-makoto", "tu-munich", "DE", BILATERAL, OUT, date(2012, 4, 1), date(2012, 9, 30)),
    ("watanabe-aya", None, "US", "Visiting professorship", OUT, date(2013, 9, 1), date(2016, 8, 31)),
    ("ito-daisuke", "ipb-university", "ID", SATREPS, OUT, date(2010, 7, 1), date(2011, 3, 31)),
    ("ito-daisuke", "u-washington", "US", "Wildfire research visit", OUT, date(2022, 8, 1), date(2022, 9, 30)),
    ("yamamoto-naoko", "tu-munich", "DE", OVERSEAS, OUT, date(2015, 4, 1), date(2017, 3, 31)),
    ("kobayashi-emi", "portland-state-u", "US", "Visiting scholar", OUT, date(2018, 4, 1), date(2019, 3, 31)),
    ("kato-takeshi", "nih", "US", "Joint laboratory stay", OUT, date(2010, 10, 1), date(2012, 9, 30)),
    ("yoshida-mai", "tu-munich", "DE", "JSPS–DFG Japanese-German Graduate Externship", OUT, date(2021, 10, 1),
     date(2022, 3, 31)),
    ("yamada-koji", "chulalongkorn-u", "TH", "AJCCBC trainer secondment", OUT, date(2019, 1, 14), date(2019, 2, 15)),
    ("sasaki-rina", "cnrs", "FR", CORE, OUT, date(2014, 5, 1), date(2015, 4, 30)),
    ("yamaguchi-hiroshi", "phivolcs", "PH", SATREPS, OUT, date(2010, 5, 10), date(2010, 12, 20)),
    ("matsumoto-yuka", "u-nairobi", "KE", "JICA field assignment", OUT, date(2017, 4, 1), date(2020, 3, 31)),
    ("hayashi-ryo", "u-nairobi", "KE", BILATERAL, OUT, date(2017, 7, 1), date(2017, 9, 30)),
    ("hayashi-ryo", "u-nairobi", "KE", BILATERAL, OUT, date(2018, 7, 2), date(2018, 9, 28)),
    ("shimizu-akiko", "cnrs", "FR", "CNRS international research laboratory", OUT, date(2016, 9, 1), date(2017, 2, 28)),
    ("mori-noriko", "u-cape-town", "ZA", CORE, OUT, date(2019, 1, 7), date(2019, 3, 29)),
    ("abe-yusuke", "csiro", "AU", OVERSEAS, OUT, date(2022, 4, 1), date(2024, 3, 31)),
    ("ishikawa-yoko", "portland-state-u", "US", "Fulbright research award", OUT, date(2014, 8, 15), date(2015, 5, 31)),
    ("fujita-nana", "u-edinburgh", "GB", "UKRI–JST project visit", OUT, date(2023, 5, 8), date(2023, 7, 28)),
    ("okada-masato", "u-cape-town", "ZA", SATREPS, OUT, date(2014, 11, 1), date(2015, 1, 31)),
    ("goto-chihiro", "csiro", "AU", "Disaster resilience visit", OUT, date(2024, 1, 15), date(2024, 2, 16)),
    ("ishii-kaori", "oecd", "FR", "Secondment", OUT, date(2020, 4, 1), date(2022, 3, 31)),
    ("aoki-misaki", "u-nairobi", "KE", CORE, OUT, date(2025, 1, 6), date(2025, 3, 28)),
    ("nishimura-keiko", None, "CA", "Hokkaido–Alberta research exchange", OUT, date(2012, 5, 1), date(2012, 10, 31)),
    ("inoue-takumi", "u-washington", "US", "Summer research internship", OUT, date(2025, 6, 16), date(2025, 8, 29)),
    ("mwangi-grace", "kyoto-u", "JP", BILATERAL, IN, date(2018, 1, 10), date(2018, 3, 20)),
    ("otieno-david", "osaka-u", "JP", POSTDOC, IN, date(2019, 4, 1), date(2021, 3, 31)),
    ("nguyen-thi-lan", "kyoto-u", "JP", POSTDOC, IN, date(2021, 10, 1), date(2023, 9, 30)),
    ("nguyen-thi-lan", "kyoto-u", "JP", SAKURA, IN, date(2016, 7, 10), date(2016, 7, 19)),
    ("santos-maria", "nied", "JP", SATREPS, IN, date(2012, 2, 1), date(2012, 4, 30)),
    ("wijaya-budi", "hokkaido-u", "JP", SATREPS, IN, date(2011, 9, 1), date(2012, 2, 29)),
    ("srisuk-pimchanok", "nict", "JP", "Cybersecurity training", IN, date(2020, 1, 20), date(2020, 1, 31)),
    ("miller-sarah", "hokkaido-u", "JP", "JSPS Invitational Fellowship", IN, date(2023, 6, 1), date(2023, 7, 31)),
    ("johnson-michael", "keio", "JP", "Visiting scholar", IN, date(2022, 9, 1), date(2022, 12, 20)),
    ("chen-wei", "kumamoto-u", "JP", "Kumamoto–Montana student exchange", IN, date(2015, 9, 1), date(2016, 7, 31)),
    ("smith-oliver", "jamstec", "JP", "JSPS Invitational Fellowship", IN, date(2017, 10, 2), date(2017, 12, 22)),
    ("dubois-claire", "tohoku-u", "JP", "CNRS international research laboratory", IN, date(2016, 4, 1),
     date(2016, 6, 30)),
    ("muller-jonas", "osaka-u", "JP", "JSPS–DFG Japanese-German Graduate Externship", IN, date(2023, 10, 1),
     date(2024, 3, 29)),
    ("wilson-amelia", "tohoku-u", "JP", "JSPS Invitational Fellowship", IN, date(2021, 11, 1), date(2022, 1, 31)),
    ("sharma-priya", "kyushu-u", "JP", POSTDOC, IN, date(2013, 4, 1), date(2015, 3, 31)),
    ("sharma-priya", "aist", "JP", "e-ASIA Joint Research Program", IN, date(2020, 2, 3), date(2020, 2, 28)),
    ("silva-rafael", "u-tokyo", "JP", SATREPS, IN, date(2011, 5, 1), date(2011, 7, 31)),
    ("nkosi-thabo", "jamstec", "JP", SATREPS, IN, date(2015, 6, 1), date(2015, 8, 31)),
    ("gonzalez-camila", "tohoku-u", "JP", SAKURA, IN, date(2024, 11, 10), date(2024, 11, 19)),
]
# fmt: on
