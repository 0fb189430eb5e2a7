"""The demo plan's words: the Avon and Somerset Police and Crime Plan 2016-21.

The structure follows Appendix 2 of the Avon and Somerset draft project plan v0.4; the
priorities are its four areas of section D plus legitimacy (section E); commitments are
written in the "I will / I expect the Chief Constable to / I will work with partners to"
form of the Devon and Cornwall draft plan 2014-17, adapted to Avon and Somerset; district
priorities are the five umbrella-plan priorities of the OPCC Business Plan 2015/16.

`V2_CHANGES` are the edits made between V1 and V2, so "compare V1 with V2" shows changes.
"""

PLAN = {
    "title": "Police and Crime Plan 2016-21",
    "slug": "police-and-crime-plan-2016-21",
    "starts_on": "2016-05-05",
    "ends_on": "2021-03-31",
    "pcc_name": "Sue Mountstevens",
    "pcc_elected_on": "2016-05-05",
    "vision": (
        "Avon and Somerset will be a place where people feel safe, are safe, and have confidence in "
        "their police and the wider criminal justice system; where the most vulnerable are protected "
        "from harm and victims get the support they need."
    ),
}

# The key figures of the full plan's "at a glance" page, as the plan's own text gives them:
# 1.6 million people (Appendix one), about 2,750 officers (the baseline of the measure
# "Number of officers", 31 March 2016) and a revenue budget of £268.9 million (Resources).
POPULATION = 1_600_000
POLICE_OFFICERS = 2_750
# 1,855 square miles (Appendix one) in square kilometres. The plan gives no count of police
# staff: the figure is illustrative, of the order of the force's officers.
AREA_KM2 = 4_804
POLICE_STAFF = 2_400
ANNUAL_BUDGET = "268900000"

# (key, short title, body HTML) in Appendix 2 order; covers and in_public_summary come from
# plans/data/plan_structure.json by key.
SECTIONS = [
    ("A", "Cover", ""),
    (
        "B",
        "Foreword and introduction",
        "<p>This is my Police and Crime Plan for Avon and Somerset for 2016 to 2021. It sets out what I "
        "want policing and community safety to achieve during my term of office, and how I will hold "
        "the Chief Constable to account for it.</p>"
        "<p>Over the last four years crime has fallen, but the demands on policing have changed. More of "
        "the harm we see is hidden: domestic abuse, child sexual exploitation, modern slavery and crime "
        "committed online. My plan puts protecting the most vulnerable from harm first.</p>"
        "<p>I have listened to what you told me during the consultation, to the Chief Constable, and to "
        "the Police and Crime Panel. This plan is the result.</p>",
    ),
    (
        "C",
        "Priorities and expected outcomes",
        "<p>My four priorities for 2016 to 2021 are:</p>"
        "<ol><li>Protect the most vulnerable from harm.</li>"
        "<li>Strengthen and improve your local policing teams.</li>"
        "<li>Ensure Avon and Somerset Constabulary has the right people, right equipment and right "
        "culture.</li>"
        "<li>Work together effectively with other police forces and key partners to provide better "
        "services to local people.</li></ol>"
        "<p>Each priority sets out what I will do, what I expect the Chief Constable to do, and what I "
        "will work with partners to do.</p>",
    ),
    (
        "D1",
        "Roles, responsibilities and governance",
        "<p>This plan runs from the date it is issued until 31 March 2021. The Police Reform and Social "
        "Responsibility Act 2011 requires me to issue it and to keep it under review.</p>"
        "<h3>How the Chief Constable reports to me</h3>"
        "<p>The Chief Constable will report to me on delivery of this plan at my monthly Police and "
        "Crime Board, through quarterly performance reports against the measures of performance set out in "
        "this plan, and "
        "through the Constabulary's annual report. Reports to the Board are published on my website.</p>"
        "<h3>How you can get involved</h3>"
        "<p>You can tell me what matters to you at public meetings in each district, through my "
        "website, by joining an Independent Advisory Group, or by volunteering as a Special Constable, "
        "a police support volunteer or a custody visitor.</p>",
    ),
    (
        "D2",
        "Strategic priorities: objectives, activities and accountability",
        "<p>This section sets out each priority in full: the outcome I want to see, what I will do, what "
        "I expect of the Chief Constable, and what I will do with partners. The Constabulary's delivery "
        "plan sets out how it will provide the policing this plan asks for, in every district, "
        "twenty-four hours a day.</p>"
        "<p>Neighbourhood policing teams will remain the foundation of policing in Avon and Somerset, "
        "supported by specialist teams for public protection, major crime and roads policing.</p>",
    ),
    (
        "E",
        "Legitimacy",
        "<p>People's confidence in the police depends on being treated fairly and with respect. I will "
        "hold the Chief Constable to account for the Constabulary's equality objectives, for the use of "
        "stop and search and of force, and for how complaints are handled.</p>"
        "<p>I will publish the findings of my scrutiny panels, which include independent members of the "
        "public, and follow up every recommendation of HM Inspectorate of Constabulary's PEEL "
        "legitimacy inspections.</p>",
    ),
    (
        "F",
        "Collaboration and the Strategic Policing Requirement",
        "<p>The Constabulary works with Wiltshire Police in a Strategic Alliance, with the South West "
        "forces in the Regional Organised Crime Unit, and with local authorities, health and the "
        "voluntary sector in every district.</p>"
        "<p>I will commission services for victims of crime, for young people at risk of offending and "
        "for people with drug and alcohol problems, together with the Community Safety Partnerships.</p>"
        "<h3>The Strategic Policing Requirement</h3>"
        "<p>I have had regard to the Strategic Policing Requirement issued by the Home Secretary. The "
        "Constabulary maintains the capacity and capability to respond to terrorism, serious and "
        "organised crime, national cyber incidents, threats to public order and civil emergencies.</p>",
    ),
    (
        "G",
        "Resources",
        "<p>In 2016/17 I will provide the Chief Constable with a revenue budget of £268.9 million and a "
        "capital programme of £18.2 million. The Medium Term Financial Plan shows savings of £17 "
        "million to be found by 2020/21, which the Constabulary will deliver while protecting "
        "neighbourhood policing.</p>"
        "<p>I will also make crime and disorder reduction grants to the Community Safety Partnerships "
        "and to voluntary organisations, on the conditions set out in the grants table of this plan.</p>",
    ),
    (
        "H",
        "Performance and outcomes",
        "<p>I will measure the Chief Constable's performance against the outcomes of this plan, using "
        "the measures agreed with the Constabulary and set out below. Each measure has a baseline and "
        "an expected direction: current good performance should be maintained, improvement is "
        "expected, or a transformation of performance is required.</p>"
        "<p>Performance is reported to my Police and Crime Board every quarter and published on my "
        "website, so that you can assess how the Constabulary and I are doing.</p>",
    ),
    (
        "App1",
        "Appendix one: profile of Avon and Somerset",
        "<p>Avon and Somerset covers 1,855 square miles and is home to 1.6 million people, in the four "
        "unitary authorities of Bristol, Bath and North East Somerset, North Somerset and South "
        "Gloucestershire, and the five districts of Somerset: Mendip, Sedgemoor, South Somerset, "
        "Taunton Deane and West Somerset.</p>",
    ),
    (
        "App2",
        "Appendix two: useful information",
        "<p>In an emergency, call 999. For anything else, call 101 or report online. You can give "
        "information about crime anonymously to Crimestoppers on 0800 555 111.</p>"
        "<p>This plan is available in large print, easy read and other languages on request.</p>",
    ),
]

# (title, theme, aim, [(actor, text), ...])
OBJECTIVES = [
    (
        "Protect the most vulnerable from harm",
        "Vulnerability",
        "Fewer people become victims of domestic abuse, sexual violence, child sexual exploitation and "
        "modern slavery, and those who do are identified early and supported.",
        [
            ("pcc", "Champion victims' interests, nationally and locally."),
            ("pcc", "Commission a high quality, effective service for all victims of crime."),
            ("pcc", "Listen and respond to the views and needs of victims, working with my victims' advisers."),
            (
                "chief_constable",
                "Reduce the risk to victims of domestic abuse and tackle offenders, in particular to reduce "
                "repeat victimisation and repeat offending.",
            ),
            (
                "chief_constable",
                "Improve the service provided to victims of rape and serious sexual assault.",
            ),
            (
                "partners",
                "Protect vulnerable people through integrated working arrangements, including co-located "
                "safeguarding teams.",
            ),
        ],
    ),
    (
        "Strengthen and improve your local policing teams",
        "Communities",
        "Local policing teams are visible, accessible and responsive to what matters in each community.",
        [
            ("pcc", "Support neighbourhood policing and keep it at the heart of policing in Avon and Somerset."),
            ("pcc", "Review the 101 non-emergency service and drive forward the improvements callers need."),
            (
                "chief_constable",
                "Find new ways to work with communities, businesses and citizens to prevent crime and "
                "increase community resilience.",
            ),
            (
                "chief_constable",
                "Deliver a high quality call-handling service for emergency and non-emergency calls.",
            ),
            ("partners", "Tackle anti-social behaviour and reduce its impact on victims and communities."),
        ],
    ),
    (
        "Ensure Avon and Somerset Constabulary has the right people, right equipment and right culture",
        "Transformation",
        "An efficient workforce with the skills, technology and leadership to meet changing demand.",
        [
            ("pcc", "Set a balanced budget that protects the front line, and publish a Medium Term Financial Plan."),
            ("pcc", "Ensure value for money in the operation of my office."),
            (
                "chief_constable",
                "Deploy an efficient workforce mix that maximises the front line, and increase the hours "
                "served by Special Constables.",
            ),
            (
                "chief_constable",
                "Deliver clear and measurable improvements in productivity, such as sickness absence and "
                "the use of mobile technology.",
            ),
        ],
    ),
    (
        "Work together effectively with other police forces and key partners",
        "Partnership",
        "Better services to local people through collaboration, and an effective criminal justice system.",
        [
            (
                "pcc",
                "Work with the Local Criminal Justice Board to deliver an efficient and effective "
                "criminal justice system.",
            ),
            ("pcc", "Develop the Strategic Alliance with Wiltshire Police where it improves services or saves money."),
            (
                "chief_constable",
                "Deliver the Constabulary's contribution to national policing, including the Strategic "
                "Policing Requirement.",
            ),
            (
                "partners",
                "Help manage and rehabilitate prolific offenders by providing timely access to housing and employment.",
            ),
            (
                "partners",
                "Support people with mental health needs so they do not enter the criminal justice system "
                "unnecessarily.",
            ),
        ],
    ),
]

# District objectives: (district name, title, theme, aim, commitments)
DISTRICT_OBJECTIVES = [
    (
        "Bristol",
        "Tackling anti-social behaviour and reducing its impact on victims and communities",
        "Communities",
        "Fewer repeat calls about anti-social behaviour in Bristol's neighbourhoods.",
        [("partners", "Work with Bristol City Council's Safer Bristol Partnership on problem locations.")],
    ),
    (
        "Mendip",
        "Improving road safety for all road users",
        "Communities",
        "Fewer people killed or seriously injured on Mendip's rural roads.",
        [("chief_constable", "Target speeding and drink driving on the routes where collisions cluster.")],
    ),
    # The other Districts' own objectives are written for the demo on the umbrella
    # priorities of seed 001 (anti-social behaviour, domestic and sexual abuse, burglary,
    # road safety, rural crime).
    (
        "Bath and North East Somerset",
        "Keeping the night-time economy of Bath safe",
        "Communities",
        "Fewer assaults and less disorder in Bath city centre at night.",
        [("partners", "Support the street marshals and the Purple Flag partnership in Bath city centre.")],
    ),
    (
        "North Somerset",
        "Reducing domestic abuse and supporting its victims",
        "Victims",
        "More victims of domestic abuse in North Somerset come forward and get support early.",
        [("pcc", "Fund an independent domestic violence adviser based at Weston General Hospital.")],
    ),
    (
        "South Gloucestershire",
        "Cutting burglary from homes",
        "Communities",
        "Fewer homes burgled in South Gloucestershire, and burglaries solved more often.",
        [("chief_constable", "Visit every burgled home within a day and give crime prevention advice next door.")],
    ),
    (
        "Sedgemoor",
        "Tackling the harm done by drugs in Bridgwater",
        "Offenders",
        "Less drug dealing and the harm that comes with it in Bridgwater's town centre.",
        [("partners", "Work with Sedgemoor District Council and treatment services to close down dealing sites.")],
    ),
    (
        "South Somerset",
        "Reducing rural and farm crime",
        "Communities",
        "Fewer thefts from farms and rural businesses in South Somerset.",
        [("chief_constable", "Keep a rural crime team with the farm watch schemes of Yeovil and Chard.")],
    ),
    (
        "Taunton Deane",
        "Protecting vulnerable people in Taunton town centre",
        "Victims",
        "Fewer vulnerable people exploited or harmed in Taunton, and more helped early.",
        [("partners", "Fund the Taunton street pastors and the town centre safe place with the council.")],
    ),
    (
        "West Somerset",
        "Keeping isolated communities safe and heard",
        "Communities",
        "People in West Somerset's villages and on Exmoor know their local officers and how to reach them.",
        [("chief_constable", "Hold a police surgery in Minehead, Watchet and Dulverton every month.")],
    ),
]

# (recipient, purpose, amount, conditions, objective index, District or None)
GRANTS = [
    (
        "Bristol Community Safety Partnership",
        "Crime and disorder reduction in Bristol: early intervention with young people at risk of offending",
        "412000.00",
        "Spend against an agreed delivery plan; quarterly returns on spend and outcomes to the OPCC.",
        0,
        "Bristol",
    ),
    (
        "Somerset Community Safety Partnership",
        "Domestic abuse services across the five districts of Somerset",
        "286500.00",
        "Services commissioned in line with the Victims' Code; annual outcomes report.",
        0,
        None,
    ),
    (
        "North Somerset Community Safety Partnership",
        "Reducing anti-social behaviour and its impact on victims",
        "98000.00",
        "Quarterly returns; match funding from the local authority.",
        1,
        "North Somerset",
    ),
    (
        "Bath and North East Somerset Community Safety Partnership",
        "Safer nights in Bath: street marshals and a safe space for people at risk",
        "64000.00",
        "Quarterly returns on spend and outcomes; match funding from the business improvement district.",
        1,
        "Bath and North East Somerset",
    ),
    (
        "South Gloucestershire Safer and Stronger Communities Partnership",
        "Burglary prevention: target hardening for repeat and vulnerable victims",
        "71000.00",
        "Quarterly returns; each home helped is one a burglary victim lives in or next to.",
        1,
        "South Gloucestershire",
    ),
    (
        "PCC Small Grants Scheme",
        "Community projects that prevent crime and support victims, up to £5,000 each",
        "150000.00",
        "Awarded by a panel including independent members; each project reports its outcomes.",
        3,
        None,
    ),
]

# The budget the plan sets out, by financial year: (year, part, line, amount, District).
# Illustrative figures for a force of Avon and Somerset's size (the seeds give no budget);
# each year's funding equals what it pays for. The District lines break the Chief
# Constable's budget down: what neighbourhood policing in each District costs.
BUDGET = [
    (2016, "funding", "Police grant from the Home Office and formula funding", "163100000", None),
    (2016, "funding", "Council tax precept", "107300000", None),
    (2016, "funding", "Council tax freeze and support grants", "11400000", None),
    (2016, "chief_constable", "Policing budget given to the Chief Constable", "268900000", None),
    (2016, "commissioning", "Victim services (Ministry of Justice victims grant)", "2400000", None),
    (2016, "commissioning", "Community safety grants and commissioning", "2900000", None),
    (2016, "office", "Office of the Police and Crime Commissioner", "1500000", None),
    (2016, "reserves", "Set aside for investment in the change programme", "6100000", None),
    (2017, "funding", "Police grant from the Home Office and formula funding", "161500000", None),
    (2017, "funding", "Council tax precept", "110500000", None),
    (2017, "funding", "Council tax freeze and support grants", "11300000", None),
    (2017, "chief_constable", "Policing budget given to the Chief Constable", "271200000", None),
    (2017, "commissioning", "Victim services (Ministry of Justice victims grant)", "2500000", None),
    (2017, "commissioning", "Community safety grants and commissioning", "2900000", None),
    (2017, "office", "Office of the Police and Crime Commissioner", "1500000", None),
    (2017, "reserves", "Set aside for investment in the change programme", "5200000", None),
    (2016, "chief_constable", "Neighbourhood policing", "14200000", "Bristol"),
    (2016, "chief_constable", "Neighbourhood policing", "4100000", "Bath and North East Somerset"),
    (2016, "chief_constable", "Neighbourhood policing", "4300000", "North Somerset"),
    (2016, "chief_constable", "Neighbourhood policing", "4600000", "South Gloucestershire"),
    (2016, "chief_constable", "Neighbourhood policing", "2300000", "Mendip"),
    (2016, "chief_constable", "Neighbourhood policing", "2400000", "Sedgemoor"),
    (2016, "chief_constable", "Neighbourhood policing", "3000000", "South Somerset"),
    (2016, "chief_constable", "Neighbourhood policing", "2400000", "Taunton Deane"),
    (2016, "chief_constable", "Neighbourhood policing", "900000", "West Somerset"),
]

# Edits made between V1 and V2: section key -> new body (after the Panel's comments and the
# consultation); plus a commitment added to the first priority.
V2_CHANGES = {
    "B": (
        "<p>This is my Police and Crime Plan for Avon and Somerset for 2016 to 2021. It sets out what I "
        "want policing and community safety to achieve during my term of office, and how I will hold "
        "the Chief Constable to account for it.</p>"
        "<p>Over the last four years crime has fallen, but the demands on policing have changed. More of "
        "the harm we see is hidden: domestic abuse, child sexual exploitation, modern slavery, hate crime "
        "and crime committed online. My plan puts protecting the most vulnerable from harm first, and "
        "puts victims at the heart of everything we do.</p>"
        "<p>More than 3,000 of you responded to the consultation. I have listened to what you told me, "
        "to the Chief Constable, and to the Police and Crime Panel, whose recommendations have shaped "
        "this final plan.</p>"
    ),
    "E": (
        "<p>People's confidence in the police depends on being treated fairly and with respect. I will "
        "hold the Chief Constable to account for the Constabulary's equality objectives, for the use of "
        "stop and search and of force, and for how complaints are handled.</p>"
        "<p>I will publish the findings of my scrutiny panels, which include independent members of the "
        "public, every quarter, and follow up every recommendation of HM Inspectorate of "
        "Constabulary's PEEL legitimacy inspections.</p>"
        "<p>I will also work to make the workforce more representative of the communities it serves.</p>"
    ),
}
V2_NEW_COMMITMENT = (
    0,
    "partners",
    "Improve signposting and referral so that victims get the right support according to their need.",
)


# The Easy Read version of each force-wide priority, by its index in OBJECTIVES: short
# sentences, one idea each, and a picture drawn for the demo (plans/data/easy_read, made
# by draw_pictures.py there) with what it shows.
EASY_READ = [
    (
        "We will keep people safe from harm.\n"
        "Some people are hurt at home or by people they know.\n"
        "We will help them to get support.\n"
        "We will help them to tell the police.",
        "protect.png",
        "A shield around a person with a heart above them",
    ),
    (
        "Your area has its own police team.\n"
        "They will be easy to see and to talk to.\n"
        "They will deal with what matters to you.",
        "local_teams.png",
        "Two police officers standing next to a house",
    ),
    (
        "The police need the right people.\n"
        "They need the right tools, like radios and computers.\n"
        "Everyone will be treated fairly.",
        "people_and_equipment.png",
        "A police officer with a radio next to a laptop showing a tick",
    ),
    (
        "The police will work with other groups.\n"
        "This includes councils, health services and charities.\n"
        "Working together helps people get the right help.",
        "together.png",
        "A police officer shaking hands with a person from another organisation",
    ),
]


# Where each District's neighbourhood policing team is based (the force's police stations
# in each local authority area), for the contacts in its District plan.
DISTRICT_STATIONS = {
    "Bristol": "Trinity Road, Broadbury Road and Southmead police stations",
    "Bath and North East Somerset": "Bath and Keynsham police stations",
    "North Somerset": "Weston-super-Mare and Clevedon police stations",
    "South Gloucestershire": "Yate and Patchway police stations",
    "Mendip": "Wells, Frome and Shepton Mallet police stations",
    "Sedgemoor": "Bridgwater police station",
    "South Somerset": "Yeovil and Chard police stations",
    "Taunton Deane": "Taunton police station",
    "West Somerset": "Minehead police station",
}
