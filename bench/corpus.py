"""Invented news texts on Korea–Russia relations, for benchmark pages and test fixtures.

All text is written for this project (no outlet's copy). Paragraphs starting
with "## " are subheadings, "- " list items, "> " quotations set as a block.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Story:
    slug: str
    lang: str
    title: str
    authors: list[str]
    date: str  # ISO 8601 with zone
    dateline: str  # city prefix used by wire-style templates
    paragraphs: list[str]
    summary: str = ""
    tags: list[str] = field(default_factory=list)


STORIES: list[Story] = [
    Story(
        "treaty-ratified", "en", "Russia ratifies defense pact with North Korea as Seoul voices concern",
        ["Kim Min-seo"], "2024-11-09T14:20:00+09:00", "SEOUL",
        [
            "Russia's upper house of parliament on Saturday approved a comprehensive strategic partnership treaty with North Korea, completing Moscow's side of a pact that commits both countries to provide military assistance if either comes under armed attack.",
            "The Federation Council voted unanimously for the document, which President Vladimir Putin and North Korean leader Kim Jong-un signed in Pyongyang in June. The lower house had approved it earlier in the week without debate.",
            "South Korea's foreign ministry said it regretted the ratification and urged Moscow to abide by United Nations Security Council resolutions that ban arms trade with the North. A ministry spokesperson told reporters that Seoul would respond firmly to any step that threatens its security.",
            "## Questions over troop deployments",
            "The vote came as South Korean and Ukrainian officials said thousands of North Korean soldiers had been moved to Russia's Kursk region. Russian officials have neither confirmed nor denied the reports, calling the treaty a matter between two sovereign states.",
            "Analysts in Seoul said the treaty gives a legal framework to cooperation that had already expanded sharply since 2023, including artillery shell shipments to Russia and visits by senior Russian defense officials to Pyongyang.",
            "\"The mutual defense clause is the most significant commitment Moscow has made to Pyongyang since the Cold War,\" said Park Jin-woo, a researcher at a state-funded institute in Seoul. \"It changes the calculation for every government in the region.\"",
            "The treaty will enter into force once the two sides exchange instruments of ratification, a step expected within weeks.",
        ],
        summary="Russia's upper house approved a mutual defense treaty with North Korea on Saturday.",
        tags=["North Korea", "Russia", "Treaty"],
    ),
    Story(
        "rason-bridge", "en", "Russia and North Korea begin building road bridge across Tumen River",
        ["Lee Ji-hoon", "Anna Sokolova"], "2025-04-30T09:05:00+03:00", "VLADIVOSTOK",
        [
            "Russia and North Korea held a groundbreaking ceremony on Wednesday for a road bridge across the Tumen River, the first direct road link between the two countries, officials in Moscow said.",
            "Russian Prime Minister Mikhail Mishustin joined the ceremony by video link, while North Korean Premier Pak Thae-song attended on the riverbank near the town of Tumangang, according to state media from both sides.",
            "The bridge will run roughly one kilometer next to the existing railway bridge, which was built in 1959 and until now has carried almost all land traffic between the neighbors. Construction is expected to take about a year and a half.",
            "Russian officials said the crossing would ease shipments of food, fertilizer and construction materials to the Rason special economic zone and allow tourists from Primorye to travel by bus.",
            "Sanctions experts cautioned that better transport links could also make it easier to move goods banned under UN resolutions. A panel of experts that monitored those sanctions was disbanded last year after Russia vetoed the renewal of its mandate.",
            "South Korea's unification ministry said it was watching the project closely and called on both governments to respect international obligations.",
        ],
        summary="Construction starts on the first road link between Russia and North Korea.",
        tags=["Rason", "Transport"],
    ),
    Story(
        "seoul-moscow-flights", "en", "Korean Air weighs return of Seoul–Moscow flights as talks stall",
        ["Choi Hye-rin"], "2025-02-17T18:40:00+09:00", "SEOUL",
        [
            "Korean Air is studying whether to resume direct flights between Seoul and Moscow if relations between South Korea and Russia improve, people familiar with the matter said, although any decision depends on sanctions and the course of the war in Ukraine.",
            "The carrier suspended its Moscow route in March 2022, after Western countries closed their airspace to Russian aircraft and Russia responded in kind. Flights to Europe have since taken detours of up to three hours.",
            "Aeroflot has continued to fly to several Asian destinations but has no permission to land in South Korea. Russian officials have repeatedly said they would welcome resumed service by Korean carriers.",
            "An official at the transport ministry in Sejong said there had been no formal talks about air routes and that any resumption would require coordination with allies.",
            "Travel agencies in Seoul report steady demand from businesspeople and ethnic Koreans with family in Russia, who currently travel through Istanbul, Dubai or Beijing.",
        ],
        summary="Korean Air studies a possible return to Moscow, but no talks are under way.",
    ),
    Story(
        "lavrov-wonsan", "en", "Lavrov visits Wonsan resort as Moscow and Pyongyang deepen ties",
        ["Daniel Brooks"], "2025-07-12T11:30:00+00:00", "MOSCOW",
        [
            "Russian Foreign Minister Sergei Lavrov arrived in the North Korean coastal city of Wonsan on Friday for talks with his counterpart Choe Son-hui, the latest in a string of high-level visits between the two countries.",
            "Lavrov was expected to tour the newly opened Kalma beach resort, which North Korea hopes will draw Russian tourists. Several tour operators in Moscow have already advertised packages that combine flights to Pyongyang with stays on the coast.",
            "Speaking to reporters before the talks, Lavrov praised what he called the heroism of North Korean soldiers who fought alongside Russian troops and said Moscow would never forget their help.",
            "Choe said her country would fully support Russia's positions on Ukraine and described relations as an invincible alliance. The two ministers also discussed the upcoming anniversary of the partnership treaty.",
            "Officials in Seoul said they were concerned about possible transfers of Russian military technology to the North in return for its support. Lavrov did not answer a question on the subject.",
            "The visit follows trips to Pyongyang by Security Council secretary Sergei Shoigu, who met Kim Jong-un twice in the past year.",
        ],
    ),
    Story(
        "shells-report", "en", "Report: North Korean shells account for half of Russia's artillery supply",
        ["Olivia Grant"], "2024-12-03T08:00:00-05:00", "WASHINGTON",
        [
            "North Korea has supplied Russia with millions of artillery shells that now account for about half of the ammunition fired by Russian forces in Ukraine, according to a report published on Tuesday by a research group that tracks arms transfers.",
            "The study, based on satellite imagery of rail traffic at the Tumangang crossing and the port of Rajin, estimates that more than 13,000 containers of munitions left North Korea between August 2023 and October 2024.",
            "Ukrainian officials have said North Korean shells tend to be less reliable than Russian-made ones, with a significant share failing to fire or exploding early. The report said quality appeared to have improved over time.",
            "In return, the authors wrote, North Korea has received oil above the cap set by the UN Security Council, food, and possibly help with its satellite program. Russia and North Korea deny breaking any sanctions.",
            "> \"The scale of these transfers is unprecedented for North Korea's arms industry,\" the report said. \"Pyongyang has become one of Moscow's most important suppliers.\"",
            "South Korea's defense ministry declined to comment on the figures but said it shared intelligence with Ukraine and Western partners.",
        ],
    ),
    Story(
        "kia-plant", "en", "Hyundai's former St Petersburg plant restarts under Russian owner",
        ["Sergei Volkov"], "2024-09-25T16:15:00+03:00", "ST PETERSBURG",
        [
            "The car plant in St Petersburg that Hyundai Motor sold for a token sum in 2023 has resumed production under its new Russian owner, turning out crossovers under a local brand, the company said on Wednesday.",
            "Art-Finance, which bought the factory, said the line would initially assemble vehicles from kits supplied by a Chinese partner, with plans to raise output to 100,000 cars a year.",
            "Hyundai sold the plant with a buyback option valid for two years, which analysts see as a sign the South Korean company wants to keep a door open to the Russian market. The company has not said whether it intends to exercise the option.",
            "Before the war in Ukraine, Hyundai and its affiliate Kia were among the best-selling brands in Russia, together holding more than a fifth of the market.",
            "Korean suppliers that served the plant have mostly left Russia. Some parts makers have sold their local units to Russian managers, while others have mothballed facilities.",
        ],
    ),
    Story(
        "fishing-quota", "en", "South Korea and Russia agree fishing quotas despite political chill",
        ["Jung Da-eun"], "2025-01-21T10:00:00+09:00", "BUSAN",
        [
            "South Korea and Russia have agreed on fishing quotas for Korean vessels in Russia's exclusive economic zone for this year, the oceans ministry said on Tuesday, keeping one of the few working channels between the two governments open.",
            "Under the deal reached at a meeting of the joint fisheries commission held by video link, Korean boats may catch about 50,000 tons of pollock, cod, saury and other species in Russian waters, roughly the same as last year.",
            "Pollock is a staple of Korean cooking, and the country relies on Russia for most of its supply. Imports from Russia have continued since 2022 because seafood is not covered by Seoul's export controls.",
            "Industry groups in Busan welcomed the agreement but said higher fees and payment difficulties caused by banking sanctions had squeezed margins.",
            "- Pollock: about 40,000 tons",
            "- Cod, flatfish and other groundfish: about 6,000 tons",
            "- Saury and squid: about 4,000 tons",
            "The ministry said the two sides would continue to discuss measures against illegal fishing in the Sea of Japan, known in Korea as the East Sea.",
        ],
    ),
    Story(
        "students-vladivostok", "en", "Korean studies thrive in Vladivostok as official ties sour",
        ["Maria Petrova"], "2024-05-14T07:45:00+10:00", "VLADIVOSTOK",
        [
            "Enrollment in Korean language courses at Far Eastern Federal University has risen for a third straight year, teachers say, even as relations between Moscow and Seoul have sunk to their lowest point in decades.",
            "Students cite Korean films and music as their first reason for choosing the language, followed by hopes of jobs with Korean firms that still trade with the region, mostly in shipping and food.",
            "## Exchanges on hold",
            "Most exchange programs with universities in Seoul and Busan were frozen in 2022. A few students still travel to South Korea on private visas, paying their own way.",
            "\"Our students want to go, but scholarships have dried up and bank transfers are difficult,\" said one lecturer, who asked not to be named because she was not authorized to speak to the media.",
            "Meanwhile, the university has signed new agreements with Kim Il Sung University in Pyongyang, and a small group of North Korean students began studying in Vladivostok last autumn.",
        ],
    ),
    Story(
        "kursk-pows", "en", "Captured North Korean soldiers ask to go to South Korea, lawmaker says",
        ["Kim Tae-yang"], "2025-02-20T15:10:00+09:00", "SEOUL",
        [
            "One of two North Korean soldiers captured by Ukrainian forces in Russia's Kursk region has said he wants to defect to South Korea, a South Korean lawmaker said on Thursday after meeting the men in Kyiv.",
            "The lawmaker, who sits on the parliamentary intelligence committee, said the soldier had told him he had been ordered to fight without being told he was going to Russia and that he did not want to return home.",
            "South Korea's foreign ministry said it would accept the soldiers if they formally requested it, since the constitution treats North Koreans as South Korean citizens. It said it was in talks with Ukraine.",
            "Ukraine's president has said he is ready to hand the prisoners over to Pyongyang in exchange for Ukrainians held in Russia, a proposal that drew criticism from human rights groups.",
            "The National Intelligence Service estimates that about 11,000 North Korean troops were sent to Russia last year and that several thousand have been killed or wounded.",
        ],
    ),
    Story(
        "ruble-won", "en", "Banks struggle with ruble-won payments as trade shrinks",
        ["Ha Seung-min"], "2023-10-02T13:00:00+09:00", "SEOUL",
        [
            "South Korean exporters who still sell to Russia face months-long delays in receiving payments as banks in both countries tighten compliance checks, trade officials said on Monday.",
            "Trade between South Korea and Russia fell by about a third last year, according to customs data, as export controls on more than a thousand items took effect and carmakers and electronics firms pulled out.",
            "Several small firms that sell cosmetics, food and car parts said they had switched to settlements in Chinese yuan or through third countries, adding costs of up to five percent.",
            "The Korea International Trade Association said it had received more than 200 inquiries about payments to Russia this year and urged the government to issue clearer guidance on which transactions are allowed.",
            "Russian importers, for their part, said Korean goods remained popular and that they were looking for ways to keep shelves stocked, including parallel imports through Central Asia.",
        ],
    ),
    Story(
        "satellite-tech", "en", "Seoul says Russia helped North Korea put spy satellite in orbit",
        ["Jeon Hyun-woo"], "2023-11-23T12:30:00+09:00", "SEOUL",
        [
            "South Korea's spy agency told lawmakers on Thursday that North Korea's successful launch of a military reconnaissance satellite this week was likely helped by Russian technical advice.",
            "Pyongyang's two earlier attempts this year ended in failure. The agency said North Korea had handed over launch data to Russia and received analysis in return after Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome in September.",
            "South Korea responded to the launch by partly suspending a 2018 military agreement with the North and resuming surveillance flights near the border.",
            "The Kremlin has not commented on the claim. At the Vostochny summit, Putin told reporters that Russia would help North Korea build satellites, \"that is why we came here\".",
            "Experts said the satellite's value for military intelligence was probably limited but that the launch showed progress in North Korea's rocket program.",
        ],
    ),
    Story(
        "tourism-masikryong", "en", "Russian tourists return to North Korean ski resort",
        ["Nikolai Orlov"], "2024-02-14T09:00:00+03:00", "MOSCOW",
        [
            "A group of about 100 Russian tourists has traveled to North Korea for a four-day trip that included skiing at the Masikryong resort, the first organized tourism to the country since it closed its borders at the start of the COVID-19 pandemic.",
            "The tour, arranged by a travel agency in Vladivostok, also included visits to Pyongyang's monuments and a children's palace, participants said in posts on social media.",
            "The governor of Primorye, who promoted the idea during a visit to Pyongyang last year, said more trips would follow and that flights between Vladivostok and Pyongyang would become more frequent.",
            "North Korea has not reopened to Western tourists. A brief reopening of the northern city of Rason to foreign groups in early 2025 was halted after a few weeks.",
            "Tour operators said prices started at around 750 dollars, excluding flights, and that demand was strongest among people curious about what one called \"the last closed country\".",
        ],
    ),
    # --- Russian
    Story(
        "ru-dogovor", "ru", "Россия и КНДР обменялись ратификационными грамотами договора о партнерстве",
        ["Иван Петров"], "2024-12-04T16:00:00+03:00", "МОСКВА",
        [
            "Россия и Корейская Народно-Демократическая Республика обменялись ратификационными грамотами договора о всеобъемлющем стратегическом партнерстве, сообщили в Министерстве иностранных дел России.",
            "Церемония прошла в Пхеньяне с участием заместителя министра иностранных дел России Андрея Руденко и заместителя министра иностранных дел КНДР Пак Мён Хо. С этого момента договор вступил в силу.",
            "Документ предусматривает оказание военной и иной помощи в случае вооруженного нападения на одну из сторон, а также сотрудничество в экономике, науке, образовании и культуре.",
            "В Сеуле заявили, что внимательно следят за развитием отношений между Москвой и Пхеньяном. В МИД Республики Корея подчеркнули, что любое сотрудничество должно соответствовать резолюциям Совета Безопасности ООН.",
            "Эксперты отмечают, что договор стал самым значимым соглашением между двумя странами с 1961 года, когда СССР и КНДР подписали договор о дружбе и взаимной помощи.",
        ],
        summary="Договор о всеобъемлющем стратегическом партнерстве между Россией и КНДР вступил в силу.",
    ),
    Story(
        "ru-poezd", "ru", "Пассажирский поезд Москва — Пхеньян снова отправится в рейс",
        ["Елена Смирнова"], "2025-06-17T10:30:00+03:00", "МОСКВА",
        [
            "Прямое пассажирское железнодорожное сообщение между Москвой и Пхеньяном возобновится впервые с 2020 года, сообщили в компании РЖД.",
            "Поезд будет отправляться из Москвы два раза в месяц. Путь займет около восьми суток, а маршрут пройдет через Хабаровск, Уссурийск и пограничную станцию Хасан.",
            "Кроме того, планируется курсирование беспересадочного вагона из Хасана до Пхеньяна четыре раза в месяц. Билеты можно будет купить в кассах и на сайте перевозчика.",
            "В Приморье рассчитывают, что восстановление сообщения увеличит турпоток в КНДР. Ранее туроператоры Владивостока организовали несколько групповых поездок в Пхеньян и на курорт Масикрён.",
            "Железнодорожный мост через реку Туманная, по которому проходит маршрут, был построен в 1959 году. Рядом с ним сейчас строится автомобильный мост.",
        ],
    ),
    Story(
        "ru-seoul-trade", "ru", "Товарооборот России и Южной Кореи сократился почти вдвое",
        ["Андрей Кузнецов"], "2024-03-11T12:00:00+03:00", "ВЛАДИВОСТОК",
        [
            "Товарооборот России и Республики Корея по итогам прошлого года сократился почти вдвое по сравнению с 2021 годом, следует из данных таможенной службы Южной Кореи.",
            "Основной причиной спада эксперты называют санкции и экспортные ограничения, введенные Сеулом, а также уход с российского рынка крупных южнокорейских автопроизводителей и производителей электроники.",
            "При этом поставки российской рыбы и морепродуктов в Южную Корею остаются стабильными. Минтай и краб по-прежнему пользуются высоким спросом у корейских потребителей.",
            "Представители бизнеса Приморья отмечают, что расчеты с корейскими партнерами все чаще проводятся через третьи страны или в юанях, что увеличивает издержки.",
            "Южнокорейские компании, сохранившие присутствие в России, предпочитают не делать публичных заявлений, опасаясь вторичных санкций.",
        ],
    ),
    # --- Korean
    Story(
        "ko-joyak", "ko", "북러 조약 발효…정부 \"안보리 결의 위반 협력 단호히 대응\"",
        ["김지현"], "2024-12-05T09:30:00+09:00", "서울",
        [
            "북한과 러시아가 상호 군사 지원 조항을 담은 '포괄적 전략적 동반자 관계 조약'의 비준서를 교환하면서 조약이 공식 발효됐다.",
            "러시아 외무부는 4일 평양에서 안드레이 루덴코 외무차관과 북한 박명호 외무성 부상이 참석한 가운데 비준서 교환식이 열렸다고 밝혔다.",
            "외교부는 이에 대해 \"북러 간 군사 협력 강화에 깊은 우려를 표한다\"며 \"유엔 안전보장이사회 결의를 위반하는 어떠한 협력에도 단호히 대응하겠다\"고 밝혔다.",
            "전문가들은 이번 조약이 1961년 북한과 소련이 체결한 우호협력 및 상호원조 조약 이후 양국 간 가장 강력한 군사 협력 문서라고 평가했다.",
            "정부는 러시아 파병 북한군 문제와 관련해 우크라이나 및 우방국들과 정보를 공유하며 대응 방안을 협의하고 있다고 설명했다.",
        ],
        summary="북한과 러시아의 포괄적 전략적 동반자 관계 조약이 공식 발효됐다.",
    ),
    Story(
        "ko-myeongtae", "ko", "한러 어업협상 타결…올해 명태 쿼터 4만t 확보",
        ["박소연"], "2025-01-22T11:00:00+09:00", "부산",
        [
            "해양수산부는 러시아와의 어업협상이 타결돼 올해 러시아 배타적경제수역에서 명태 약 4만t 등 총 5만t 규모의 어획 할당량을 확보했다고 22일 밝혔다.",
            "양국은 화상으로 열린 한러 어업위원회에서 명태와 대구, 꽁치, 오징어 등 주요 어종의 조업 조건에 합의했다. 할당량은 지난해와 비슷한 수준이다.",
            "명태는 국내 소비량의 대부분을 러시아산에 의존하고 있어 이번 협상 결과에 업계의 관심이 쏠렸다.",
            "부산 지역 수산업계는 협상 타결을 환영하면서도 입어료 인상과 금융 제재로 인한 송금 어려움 때문에 수익성이 악화되고 있다고 호소했다.",
            "해수부 관계자는 \"한러 관계가 어려운 상황에서도 어업 분야 협력은 안정적으로 유지되고 있다\"고 말했다.",
        ],
    ),
    Story(
        "ko-pabyeong", "ko", "국정원 \"북한군 러시아 추가 파병 가능성…사상자 수천명\"",
        ["이준호"], "2025-03-02T14:45:00+09:00", "서울",
        [
            "국가정보원은 러시아에 파병된 북한군의 사상자가 수천 명에 이르는 것으로 추정되며 북한이 추가 파병을 준비하고 있을 가능성이 있다고 국회 정보위원회에 보고했다.",
            "국정원에 따르면 북한은 지난해 가을 약 1만1천 명의 병력을 러시아 쿠르스크 지역에 보냈으며, 이 가운데 상당수가 전투 과정에서 사망하거나 부상했다.",
            "국정원은 또 북한이 파병의 대가로 러시아로부터 정찰위성과 방공 관련 기술, 원유 등을 지원받고 있는 정황이 있다고 설명했다.",
            "정보위원들은 우크라이나군에 포로로 잡힌 북한군 병사 2명 가운데 1명이 한국행을 희망하고 있다는 보고도 받았다고 전했다.",
            "정부는 포로들이 공식적으로 요청할 경우 헌법에 따라 전원 수용한다는 원칙을 유지하고 있다.",
        ],
    ),
]

# Text that surrounds articles on real sites: other headlines, comments, promos.
OTHER_HEADLINES = [
    "Putin and Kim exchange New Year greetings, pledge closer ties",
    "South Korea adds Russian vessels to sanctions list",
    "North Korean workers spotted at Russian construction sites",
    "Vladivostok forum draws fewer Asian delegations",
    "Seoul court rules on frozen Russian bank assets",
    "Moscow hosts North Korean art exhibition",
    "Rason port traffic rises as Russian ships call more often",
    "Analysis: What the Kursk deployment means for Seoul",
    "Korean carmakers weigh Russian market return",
    "Russian ambassador summoned over troop remarks",
]
OTHER_HEADLINES_RU = [
    "В Приморье открылся новый пункт пропуска на границе с КНДР",
    "Лавров провел переговоры с главой МИД Республики Корея",
    "Российские туристы посетили курорт Вонсан-Кальма",
    "В Хабаровске прошла выставка корейской культуры",
    "Экспорт российского угля в Азию вырос",
]
OTHER_HEADLINES_KO = [
    "정부, 러시아 선박 추가 제재",
    "블라디보스토크 한인회, 설 맞이 행사 개최",
    "북러 두만강 자동차 다리 착공",
    "러시아 진출 기업 절반 \"사업 축소\"",
    "외교부, 주한 러시아 대사 초치",
]
COMMENTS = [
    ("Paul_K", "This was predictable the moment the sanctions panel was shut down. Nobody is checking the trains anymore and everyone in the region knows it."),
    ("seoulwatcher", "Good reporting, but I wish the article said more about what Seoul can actually do besides issuing statements. Our leverage seems very limited."),
    ("Anya V.", "As someone from Primorye I can say the border towns are very quiet. The bridge will change that, but maybe not in the way people in Moscow expect."),
    ("dmitri77", "Interesting how little attention this gets compared to other news. It will shape the region for decades."),
]
COMMENTS_RU = [
    ("Сергей", "Давно пора было восстановить нормальное сообщение, люди годами ездили через Китай и тратили лишние деньги."),
    ("Марина", "Интересно, сколько будет стоить билет и можно ли будет купить его обычному туристу без специальной визы."),
]
COMMENTS_KO = [
    ("평화주의자", "러시아와의 관계가 이렇게까지 나빠질 줄은 몰랐네요. 정부가 좀 더 현실적인 외교를 했으면 합니다."),
    ("부산어민", "명태 쿼터가 유지된 건 다행이지만 송금 문제가 해결되지 않으면 현장에서는 버티기 어렵습니다."),
]

# Off-topic on purpose: relevance filters should drop it.
IRRELEVANT = Story(
    "kpop-tour", "en", "K-pop group announces 30-city world tour starting in Seoul this summer",
    ["Yoon Seo-ah"], "2025-03-18T10:00:00+09:00", "SEOUL",
    [
        "A five-member K-pop group announced on Tuesday a 30-city world tour that will open with three concerts at a Seoul stadium in July and continue through North America, Europe and Southeast Asia until December.",
        "The group's agency said tickets for the Seoul shows would go on sale next month through fan club presales, followed by general sales. Demand is expected to be high after the band's latest album topped streaming charts in several countries.",
        "The tour includes the group's first stops in South America, with shows planned in Sao Paulo, Santiago and Mexico City. Organizers said stage designs would change for each leg of the tour.",
        "Music critics said the announcement confirmed the band's place among the most popular acts of its generation, five years after its debut on a television audition program.",
        "Fans gathered outside the agency's building in Seoul after the news, holding banners and singing the group's best-known songs.",
    ],
    summary="A K-pop group will tour 30 cities, starting in Seoul in July.",
)
