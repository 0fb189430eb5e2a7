# ruff: noqa: E501 - one comment per line reads better than wrapped strings
"""A bank of comments for the demo consultation, about the demo plan's real priorities
and sections (plans/demo_content.py). Each has the part of the draft it is about (a
section key of the plan structure, a priority index in the
version (0-3 force-wide, 4 Bristol, 5 Mendip), or None for the whole
draft), the analysis theme staff would give it, and its words; `{town}` is filled with a
town of the respondent's District. Written in the voice of the responses the OPCCs
describe (seeds 000 and 003), not invented statistics.
"""

# Towns by District, for the {town} placeholders.
TOWNS = {
    "Bristol": ["Bedminster", "Southmead", "Easton", "Hartcliffe", "Fishponds", "Bristol city centre", "Lawrence Hill"],
    "Bath and North East Somerset": ["Bath", "Keynsham", "Midsomer Norton", "Radstock"],
    "North Somerset": ["Weston-super-Mare", "Clevedon", "Portishead", "Nailsea"],
    "South Gloucestershire": ["Yate", "Kingswood", "Thornbury", "Bradley Stoke"],
    "Mendip": ["Frome", "Wells", "Glastonbury", "Shepton Mallet", "Street"],
    "Sedgemoor": ["Bridgwater", "Burnham-on-Sea", "Highbridge"],
    "South Somerset": ["Yeovil", "Chard", "Crewkerne", "Wincanton"],
    "Taunton Deane": ["Taunton", "Wellington"],
    "West Somerset": ["Minehead", "Watchet", "Williton", "Porlock"],
}
# Roughly the Districts' shares of the 1.6 million people of Avon and Somerset.
DISTRICT_WEIGHTS = {
    "Bristol": 28,
    "Bath and North East Somerset": 11,
    "North Somerset": 13,
    "South Gloucestershire": 17,
    "Mendip": 7,
    "Sedgemoor": 8,
    "South Somerset": 10,
    "Taunton Deane": 7,
    "West Somerset": 2,
}

THEMES = [
    "Visible local policing",
    "101 non-emergency service",
    "Support for victims",
    "Domestic abuse and sexual violence",
    "Anti-social behaviour",
    "Road safety and speeding",
    "Rural crime",
    "Online crime and fraud",
    "Mental health",
    "Funding and council tax",
    "Fairness, stop and search and trust",
    "Young people",
    "Drugs and county lines",
    "Workforce and equipment",
    "Partnership working",
]

# (part, theme, text). Part: a section key ("B", "C", "D1", ...), a priority index, or None.
Comment = tuple[str | int | None, str | None, str]

PUBLIC_COMMENTS: list[Comment] = [
    (
        1,
        "Visible local policing",
        "We never see an officer on foot in {town} any more. Bring back the local bobby who knows the area and the people.",
    ),
    (
        1,
        "Visible local policing",
        "Our PCSO in {town} is brilliant but she covers far too big an area. Please keep neighbourhood teams and do not cut PCSOs to save money.",
    ),
    (
        1,
        "101 non-emergency service",
        "I rang 101 about a car being broken into and waited 40 minutes before giving up. Fixing 101 should be near the top of the plan, not buried in it.",
    ),
    (
        1,
        "101 non-emergency service",
        "The plan says you will review 101. Please set a target for answering calls and publish how you are doing every month.",
    ),
    (
        1,
        "Anti-social behaviour",
        "Anti-social behaviour in the park near us in {town} has gone on for two summers. Residents report it and nothing changes. Local priorities like this matter more to people than national targets.",
    ),
    (
        1,
        "Anti-social behaviour",
        "Motorbikes ridden on the pavements and through the estate at night in {town}. It makes older residents afraid to go out. Please make this a priority for the local team.",
    ),
    (
        1,
        "Rural crime",
        "Rural crime is missing from the priorities. Farm machinery and quad bikes are stolen across the Levels and people feel forgotten outside the towns.",
    ),
    (
        1,
        "Rural crime",
        "Response times in the villages around {town} are far too long. If it takes an hour for a car to arrive, people stop reporting.",
    ),
    (
        0,
        "Support for victims",
        "I was a victim of burglary last year and nobody called me back after the first visit. Victims need to be kept informed about what is happening with their case.",
    ),
    (
        0,
        "Support for victims",
        "I support putting victims first, but the plan should say how victims will be able to tell you whether the service they got was good enough.",
    ),
    (
        0,
        "Domestic abuse and sexual violence",
        "Protecting people from domestic abuse must stay the first priority. The specialist support services in {town} have waiting lists and need secure funding.",
    ),
    (
        0,
        "Domestic abuse and sexual violence",
        "Please make sure officers are trained to recognise coercive control. Too many women are told it is 'just a domestic'.",
    ),
    (
        0,
        "Domestic abuse and sexual violence",
        "Rape cases take far too long to get to court and victims give up. I welcome the commitment to improve the service to victims of rape and serious sexual assault.",
    ),
    (
        0,
        "Mental health",
        "Officers spend hours waiting with people in mental health crisis because there is nowhere else for them to go. The health service has to do its part.",
    ),
    (
        0,
        "Online crime and fraud",
        "My mother lost her savings to a phone scam. Fraud against older people is one of the commonest crimes now and the plan hardly mentions it.",
    ),
    (
        0,
        "Online crime and fraud",
        "More and more crime happens online: fraud, bullying, grooming. I would like to know what the police will do about it locally, not just nationally.",
    ),
    (
        0,
        "Young people",
        "Child sexual exploitation must be tackled with schools and social services. Agencies need to share information properly.",
    ),
    (
        0,
        "Drugs and county lines",
        "Drug dealing is open and obvious near the station in {town}. Young people are being drawn into it by gangs from outside the area.",
    ),
    (
        2,
        "Workforce and equipment",
        "Officers need up-to-date equipment and mobile devices so they are not stuck in the station doing paperwork.",
    ),
    (
        2,
        "Fairness, stop and search and trust",
        "The police should look more like the communities they serve. I support the aim to recruit a more representative workforce.",
    ),
    (
        2,
        "Funding and council tax",
        "I am happy to pay a little more council tax if it means more officers on the streets of {town}, but I want to see where the money goes.",
    ),
    (
        2,
        "Workforce and equipment",
        "Special Constables are a great idea but they need proper support and training, not to be used to fill gaps left by cuts.",
    ),
    (
        3,
        "Partnership working",
        "Working with Wiltshire makes sense if it saves money on back-office services, but not if it takes officers away from Somerset.",
    ),
    (
        3,
        "Partnership working",
        "The council, health and the police all need to work together on problem families. Too often each agency only sees part of the picture.",
    ),
    (
        3,
        "Mental health",
        "People with mental health needs should not end up in police cells. Work with the NHS to have street triage every night, not just some nights.",
    ),
    (
        3,
        "Drugs and county lines",
        "Prolific offenders go round and round the system. Housing and jobs on release would do more to stop reoffending than another short sentence.",
    ),
    (
        4,
        "Anti-social behaviour",
        "In Bristol the same few streets get the same complaints year after year. Good to see anti-social behaviour named as a Bristol priority.",
    ),
    (
        5,
        "Road safety and speeding",
        "Speeding on the A37 and the lanes around {town} is dangerous. More speed checks and community speed watch support please.",
    ),
    (
        5,
        "Road safety and speeding",
        "The Mendip road safety priority is welcome. Drink driving on country roads after closing time is still a problem.",
    ),
    (
        "B",
        None,
        "The foreword is clear and I like the plain language. It would help to say what has changed since the last plan.",
    ),
    (
        "B",
        "Support for victims",
        "You say more harm is hidden now. That is true, and the plan should explain how victims of hidden crime can come forward safely.",
    ),
    ("C", None, "Four priorities is about right. Too many and nothing gets done."),
    (
        "C",
        "Visible local policing",
        "The priorities are sensible but 'strengthen local policing teams' needs numbers: how many officers in each neighbourhood?",
    ),
    (
        "D1",
        "101 non-emergency service",
        "It is good that reports to the Police and Crime Board are published, but most people do not know the Board exists. Use social media and local papers.",
    ),
    ("D1", None, "I would like to get involved as a volunteer. The plan should make it easier to find out how."),
    (
        "E",
        "Fairness, stop and search and trust",
        "Stop and search must be fair and explained. Young black men in {town} are stopped far more often and it damages trust.",
    ),
    (
        "E",
        "Fairness, stop and search and trust",
        "Complaints against the police should be handled by someone independent, and people should be told the outcome.",
    ),
    (
        "F",
        "Partnership working",
        "I do not understand the Strategic Policing Requirement section. Please explain it in plain English or put it in an appendix.",
    ),
    (
        "G",
        "Funding and council tax",
        "Savings of £17 million on top of the cuts already made will hit the front line whatever the plan says. Be honest about what will stop.",
    ),
    ("G", "Funding and council tax", "Spend less on headquarters and consultants and more on officers in the towns."),
    (
        "H",
        None,
        "Measures should be about what the public notices: how quickly you come, whether we feel safe, whether crimes get solved.",
    ),
    (
        "H",
        "101 non-emergency service",
        "Please include a measure for how long people wait on 101, and publish it every quarter.",
    ),
    (
        None,
        "Visible local policing",
        "Overall a good plan but it needs to be more local. What will be different in {town}?",
    ),
    (
        None,
        None,
        "Thank you for asking. I have lived in {town} for thirty years and feel safe, and the local officers do a good job with what they have.",
    ),
    (
        None,
        "Young people",
        "More youth services would keep young people out of trouble. When the youth club in {town} closed, the problems started.",
    ),
]

WORKFORCE_COMMENTS: list[Comment] = [
    (
        2,
        "Workforce and equipment",
        "As a response officer I spend too much time on paperwork back at the station. Mobile data that actually works would put us back on the street.",
    ),
    (
        2,
        "Workforce and equipment",
        "Sickness absence is rising because teams are stretched. Wellbeing support needs to be in the plan, not just productivity targets.",
    ),
    (
        2,
        "Workforce and equipment",
        "Staff in the enabling services feel forgotten in this plan. We are part of the 'right people' too.",
    ),
    (
        1,
        "Visible local policing",
        "Neighbourhood officers are abstracted to cover response shifts nearly every week. Protect neighbourhood time if you want local policing to be strong.",
    ),
    (
        0,
        "Mental health",
        "Hours spent on section 136 detentions waiting for a bed are hours not spent on patrol. Partners must share this demand.",
    ),
    (
        3,
        "Partnership working",
        "Alliance working with Wiltshire has been hard on staff. Please keep us informed about what is planned and why.",
    ),
]

PARTNER_COMMENTS: list[Comment] = [
    (
        3,
        "Partnership working",
        "The Community Safety Partnership welcomes the offer of joint local plans and would like to start that work in the autumn.",
    ),
    (
        3,
        "Partnership working",
        "Grant conditions should allow more than one year of funding, so that commissioned services can keep skilled staff.",
    ),
    (
        0,
        "Support for victims",
        "Victim services are commissioned by several bodies. A single point of contact for victims would avoid people being passed around.",
    ),
    (
        0,
        "Domestic abuse and sexual violence",
        "We support the focus on domestic abuse and ask that the plan commits to multi-agency risk assessment conferences in every District.",
    ),
    (
        "F",
        "Partnership working",
        "The criminal justice system works only if all agencies share the same outcomes. The Local Criminal Justice Board should report on them jointly.",
    ),
    (
        "E",
        "Fairness, stop and search and trust",
        "The Independent Advisory Group asks to review stop and search data every quarter, with the equality analysis of the plan.",
    ),
    (
        None,
        "Partnership working",
        "Thank you for the workshop on 20 June. The shared vision agreed there is reflected well in this draft.",
    ),
]

OPENERS = [
    "",
    "",
    "",
    "",
    "Thank you for the chance to comment. ",
    "As a resident of {town}, ",
    "Speaking as a parent, ",
]
CLOSERS = [
    "",
    "",
    "",
    "",
    " Thank you.",
    " I hope this consultation is listened to.",
    " Please keep us informed about what happens next.",
]

SPAM = [
    "Cheap watches and bags, best prices, visit our shop today!!!",
    "Earn money from home, click the link in my profile for details",
]
