# ruff: noqa: E501 - the plan's words, kept one sentence to a string
"""A plan of realistic length (a full plan of 40 pages and more), for the benchmark and for
the killed-worker tests, which need a render that is still running when the worker dies.

Its words come from the OPCC documents in docs/sources.md, never lorem ipsum: the six
priorities and their "I will / I expect the Chief Constable to / I will work with partners
to" commitments of the Devon and Cornwall draft plan 2014-17 (002), set in Avon and Somerset
(its strategic alliance partner, Wiltshire, for Dorset); the framework, governance and
timeline of the Avon and Somerset project plan (000); the umbrella priorities, deliverables
and reporting duties of the Avon and Somerset OPCC Business Plan 2015/16 (001), which give
each of the nine Districts its own objectives and grants.
"""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.html import escape

from plans.demo import DISTRICTS
from plans.models import Commitment, District, Grant, Objective, Plan, PoliceArea, Section, Version
from plans.services import version_cut

DATA_DIR = Path(__file__).resolve().parents[2] / "plans" / "data"

PCC, CC, PARTNERS = Commitment.Actor.PCC, Commitment.Actor.CHIEF_CONSTABLE, Commitment.Actor.PARTNERS
LEADS = {PCC: "OPCC", CC: "Constabulary", PARTNERS: "Community Safety Partnership"}


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + f'<th scope="row">{escape(row[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in row[1:]) + "</tr>"
        for row in rows
    )
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ---------------------------------------------------------------- the six priorities (002)

PRIORITIES: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "To make our area a safer place to live, work and visit, reducing the likelihood that people will "
        "become victims of crime",
        "Communities",
        "The overriding objective is to keep crime levels low. This priority reinforces the commitment to "
        "neighbourhood policing, and identifies specific actions to address particular crimes, such as violent "
        "crime, sexual assault and domestic abuse, in addition to the wider policing mission.",
        [
            (PCC, "Support neighbourhood policing and keep it at the heart of policing for the duration of this Plan."),
            (PCC, "Keep crime levels low by focusing on prevention and on reducing reoffending."),
            (
                PCC,
                "Support crime reduction activities by commissioning services through Community Safety Partnerships "
                "and directly from Youth Offending Teams and Sexual Assault Referral Centres, as well as by providing "
                "funds directly through my PCC Small Grants Scheme.",
            ),
            (
                PCC,
                "Actively encourage and enable greater involvement by citizens and communities to support policing "
                "and to help us reduce crime.",
            ),
            (PCC, "Encourage businesses to work closely with the police to help deter crime and detect offenders."),
            (
                PCC,
                "Explore ways to further develop the force-wide evidence base to better inform crime reduction "
                "strategies.",
            ),
            (PCC, "Carry out a review of the 101 non-emergency service and take forward its recommendations."),
            (
                CC,
                "Deliver effective neighbourhood policing, working closely with communities to identify and "
                "address local priorities.",
            ),
            (
                CC,
                "Reduce violent crime, sexual assault and domestic abuse, and improve the support provided to their "
                "victims.",
            ),
            (
                CC,
                "Deliver a high quality call-handling service for emergency and non-emergency calls, ensuring that "
                "callers receive the support they need in a timely fashion.",
            ),
            (
                CC,
                "Take forward any agreed recommendations for improvement to the 101 service that emerge from my "
                "review of the current service.",
            ),
            (CC, "Deploy an efficient workforce mix within the Force that maximises the frontline."),
            (
                CC,
                "Deliver our required contribution to national policing priorities including those set out by the "
                "Home Secretary in the Strategic Policing Requirement.",
            ),
            (
                PARTNERS,
                "Strengthen and maintain services which help prevent future crime occurring, such as early "
                "intervention, prevention and recovery services, and explore how we can support each other.",
            ),
            (PARTNERS, "Focus on protecting the most vulnerable members of our society."),
            (
                PARTNERS,
                "Ensure that local Health and Wellbeing Boards see crime as part of their wider agenda and that they "
                "recognise its impact on community safety and on individual health and wellbeing.",
            ),
            (PARTNERS, "Encourage them to work with the police to help understand emerging threats."),
            (
                PARTNERS,
                "Help manage and rehabilitate prolific offenders within the community by providing timely access "
                "to pathway services such as housing and employment.",
            ),
            (
                PARTNERS,
                "Examine how they can help us improve the service received by people calling the 101 service for "
                "non police matters.",
            ),
        ],
    ),
    (
        "To reduce the crime and harm caused by the misuse of alcohol",
        "Communities",
        "An environment where alcohol is consumed responsibly, with recognition of the impact that alcohol can "
        "have on others and the community at large, and where tolerance is low for those who engage in crime as a "
        "result of excessive drinking.",
        [
            (
                PCC,
                "Champion a more responsible approach to alcohol across the force area and seek a shift in cultural "
                "attitudes towards crime and antisocial behaviour that is fuelled by excessive drinking.",
            ),
            (
                PCC,
                "Campaign for a more responsible approach from retailers to reduce the availability of cheap, "
                "super-strength alcohol and the scope for 24 hour a day access to alcohol.",
            ),
            (
                PCC,
                "Advocate a more responsible approach from all licensees where harm is minimised and tolerance for "
                "unacceptable behaviour is low.",
            ),
            (
                PCC,
                "Raise awareness and improve education about the harm caused by alcohol, in particular to raise "
                "awareness amongst young people and parents.",
            ),
            (
                PCC,
                "Support community safety work on alcohol through my commissioning funds and through my PCC Small "
                "Grants Scheme.",
            ),
            (PCC, "Highlight and promote best practice in tackling alcohol related crime and antisocial behaviour."),
            (PCC, "Work with partners to identify and address service gaps and issues."),
            (
                PCC,
                "Lobby the area's Members of Parliament and government directly, and work with the media, to "
                "support partnership alcohol strategies.",
            ),
            (CC, "Reduce alcohol related crime, working across urban, coastal and rural settings."),
            (CC, "Work with partners to reduce alcohol related violence and alcohol related abuse in the home."),
            (CC, "Maintain effective policing operations to pursue drink drivers and to deter drink driving."),
            (
                CC,
                "Effectively target locations in which alcohol related crime and antisocial behaviour repeatedly "
                "occur.",
            ),
            (
                CC,
                "Make good use of licensing mechanisms to manage problem premises and if needed to seek their closure.",
            ),
            (
                CC,
                "Effectively deploy the range of legal measures that are available to address alcohol related crime "
                "and disorder problems, such as Fixed Penalty Notices and Dispersal Notices.",
            ),
            (CC, "Work with me and others to raise awareness and improve education on alcohol related crime and harm."),
            (PARTNERS, "Make alcohol a major focus of local Health and Wellbeing Boards in the coming years."),
            (
                PARTNERS,
                "Protect and enhance key recovery and support services through better integration and improve the "
                "availability and outcomes of alcohol treatment arrangements.",
            ),
            (
                PARTNERS,
                "Secure effective management of night-time economy areas to reduce harm and boost community safety.",
            ),
            (
                PARTNERS,
                "Ensure that licensing processes are robust and that police concerns are given a high weighting.",
            ),
            (
                PARTNERS,
                "Support them in examining new ways to address alcohol issues in their licensing areas, including "
                "the use of restricted hours, late night levies and tighter licensing controls.",
            ),
            (
                PARTNERS,
                "Encourage a proactive approach to licensing enforcement, including the use of test purchasing.",
            ),
            (PARTNERS, "Enhance the local data picture on alcohol related crime."),
        ],
    ),
    (
        "To make every penny count in protecting policing for the long term",
        "Transformation",
        "Drive for further efficiency, work to secure more central funding and actively explore all avenues to "
        "deliver the significant savings we require to sustain our services.",
        [
            (
                PCC,
                "Work with the Chief Constable to develop a vision for how we will deliver a balanced budget by the "
                "end of the Medium Term Financial Plan.",
            ),
            (
                PCC,
                "Publish a Financial Roadmap to provide a clear direction for future years and remove the structural deficit.",
            ),
            (
                PCC,
                "Provide financial support, through the use of reserves, to make the investments that are required "
                "to help us deliver that balanced budget.",
            ),
            (PCC, "Develop the Strategic Alliance with Wiltshire Police where it improves services or saves money."),
            (
                PCC,
                "Examine the scope for efficiency savings through collaboration and partnership, and consider "
                "private sector options for service delivery across all areas on a level playing field.",
            ),
            (
                PCC,
                "Review the police estate to identify opportunities for shared estates with partners as well as the "
                "scope for asset sale and cost minimisation.",
            ),
            (PCC, "Lobby national government to deliver a better police funding settlement for Avon and Somerset."),
            (
                PCC,
                "Bid for funds from the Home Office's Police Innovation Fund to support collaboration, partnership "
                "working and innovative policing in our area.",
            ),
            (
                PCC,
                "Campaign for a greater share of Proceeds of Crime Act funds to be allocated to police rather than be "
                "retained by central government.",
            ),
            (
                PCC,
                "Ensure value for money in the operation of my office and look to make efficiency savings wherever possible.",
            ),
            (
                CC,
                "Work closely with me and with the Chief Constable and Police and Crime Commissioner of Wiltshire to "
                "develop the Strategic Alliance between our two forces.",
            ),
            (
                CC,
                "Work with me to develop our vision for the Financial Roadmap through a joint project to actively "
                "explore all options for collaboration, income enhancement and efficiency savings.",
            ),
            (
                CC,
                "Deliver the efficiency savings already identified and drive forward the Constabulary's change "
                "programme to ensure we can realise maximum benefit.",
            ),
            (
                CC,
                "Deliver clear and measurable improvements in productivity, in areas such as sickness absence, the "
                "reduction of bureaucracy and IT deployment.",
            ),
            (
                PARTNERS,
                "Bring forward new ideas and proposals and help to identify areas where collaboration or new service "
                "approaches might deliver savings or generate income.",
            ),
            (
                PARTNERS,
                "Understand your requirements for policing to help inform our vision for the Financial Roadmap.",
            ),
        ],
    ),
    (
        "To promote an effective criminal justice system for our area, delivering a high quality service for "
        "victims, witnesses and society",
        "Offenders",
        "All stages of the criminal justice system function well and the key agencies work together in an "
        "efficient and effective way, supporting successful prosecutions and reducing reoffending.",
        [
            (
                PCC,
                "Influence and shape the reforms to rehabilitation services to ensure they reflect local needs and "
                "strengthen efforts to keep our area safe.",
            ),
            (
                PCC,
                "Discharge my responsibility to ensure an efficient and effective criminal justice system by working "
                "with partners to deliver the Local Criminal Justice Board Action Plan.",
            ),
            (
                PCC,
                "Improve the options available to victims on how offences are dealt with by delivering a range of "
                "restorative justice solutions through my commissioning process.",
            ),
            (
                PCC,
                "Advocate the importance of a victim focused criminal justice system which delivers high quality "
                "services for victims and society, according to need.",
            ),
            (
                PCC,
                "Campaign for greater action by partners on mental health to prevent people entering the criminal "
                "justice system unnecessarily.",
            ),
            (PCC, "Explore how electronic tagging could help us to manage prolific offenders in our area."),
            (PCC, "Closely scrutinise the use of out of court disposals to make sure they are used appropriately."),
            (
                PCC,
                "Support efforts to prevent reoffending by young people, by encouraging the appropriate use of non "
                "court actions and mechanisms like restorative justice for first time offenders.",
            ),
            (CC, "Work with other agencies to support delivery of an effective end to end criminal justice system."),
            (
                CC,
                "Ensure that police documentation and inputs into the wider criminal justice system are of a "
                "consistently high quality, and work with the Crown Prosecution Service to address process issues.",
            ),
            (
                CC,
                "Make use of national data on the outcome of investigations to understand where there are barriers "
                "which might prevent successful outcomes, and make improvements to address them.",
            ),
            (
                CC,
                "Vigorously pursue the assets of serious and organised offenders who fund their lifestyles through crime.",
            ),
            (
                CC,
                "Target those who jeopardise the safety of others through serious driving offences through asset "
                "seizure processes, where appropriate.",
            ),
            (
                CC,
                "Maximise opportunities to divert young people from career criminality through appropriate use of "
                "restorative justice outcomes.",
            ),
            (
                PARTNERS,
                "Ensure that rehabilitation service contracts reflect local needs and that transition does not "
                "adversely impact services and affect reoffending.",
            ),
            (PARTNERS, "Support the development of innovative approaches for restorative justice services."),
            (
                PARTNERS,
                "Encourage them to provide the required support for people suffering from mental health issues to "
                "avoid them entering the police environment unnecessarily.",
            ),
            (
                PARTNERS,
                "Campaign nationally for a greater level of support for those suffering from mental health issues.",
            ),
        ],
    ),
    (
        "To deliver a high quality victim support service across our area",
        "Victims",
        "Timely information, support and care for all victims of crime, with services that meet their needs and "
        "the Victims' Code effectively implemented in our area.",
        [
            (PCC, "Champion victims' interests, nationally and locally."),
            (
                PCC,
                "Provide a high quality, effective and improved service for all victims of crime, and monitor the "
                "performance of existing providers.",
            ),
            (PCC, "Drive forward implementation locally of the National Victims' Code."),
            (
                PCC,
                "Fund wider services which provide support for victims through my commissioning process and directly "
                "through my funding of Sexual Assault Referral Centres and my PCC Small Grants Scheme.",
            ),
            (
                PCC,
                "Listen and respond to the views and needs of victims, working closely with my victims' advisers and "
                "partners to ensure the needs of victims from diverse communities and vulnerable victims are "
                "properly understood.",
            ),
            (
                CC,
                "Work with me to deliver an effective service for victims and to prepare for the transition in service provision.",
            ),
            (CC, "Ensure that the needs and interests of victims are well understood within the Constabulary."),
            (CC, "Treat victims with dignity and offer them appropriate support according to their need."),
            (
                CC,
                "Put in place arrangements to ensure that victim personal statements can be used within the criminal "
                "justice system in an effective and timely manner, including for victims of domestic abuse, sexual "
                "assault, violence and domestic burglary.",
            ),
            (
                CC,
                "Protect and keep safe vulnerable victims, through integrated working arrangements with partners, "
                "including the use of co-location, as appropriate.",
            ),
            (PARTNERS, "Shape the future of victims' services in our area."),
            (
                PARTNERS,
                "Improve signposting and referral systems for existing and new services so we can make sure victims "
                "get the best possible service according to their need.",
            ),
            (
                PARTNERS,
                "Help protect vulnerable victims, through integrated working arrangements, including co-location.",
            ),
        ],
    ),
    (
        "To encourage and enable citizens and communities to play their part in tackling crime and making their "
        "communities safer",
        "Communities",
        "Stopping crime from occurring, with citizens, businesses and communities engaged in preventing crime and "
        "improving community safety, supported by a review of volunteering within the wider policing family.",
        [
            (
                PCC,
                "Champion and enable greater involvement by citizens and communities to support policing and help "
                "keep their communities safe, including ways to prevent crime occurring.",
            ),
            (
                PCC,
                "Support the development of active citizenry schemes and community projects by working to remove "
                "unnecessary barriers and red tape.",
            ),
            (PCC, "Provide seed funding and support, when appropriate, to help initiatives get off the ground."),
            (
                PCC,
                "Encourage businesses to work more closely with the police to help deter crime and apprehend offenders.",
            ),
            (PCC, "Establish a PCC Award Scheme to recognise the most effective schemes and ideas."),
            (PCC, "Explore how the police and partners can better support existing schemes."),
            (
                PCC,
                "Ask the Chief Constable to review the scope and scale of volunteering in policing, the volume and "
                "range of volunteer roles, and how we can make the most of volunteering.",
            ),
            (
                CC,
                "Think creatively about how to work with citizens and communities in policing, crime prevention and "
                "community safety, in particular how it can help manage demand in peak summer months.",
            ),
            (
                CC,
                "Increase the hours of service given by Special Constables across the force area by the end of the Plan period.",
            ),
            (
                CC,
                "Review the current extent of public participation within policing and community safety, and work "
                "with me, partners and volunteering organisations to build a strategy for greater involvement of "
                "volunteers in policing, including a wider range of roles.",
            ),
            (CC, "Improve the diversity of the volunteer base and the long term sustainability of volunteering."),
            (
                PARTNERS,
                "Engage them in helping us to review the relationship between policing and communities and citizens, "
                "to share experiences, ideas and best practice.",
            ),
            (
                PARTNERS,
                "Assist with the establishing of networks and promote opportunities for the public to participate in "
                "policing more effectively through guidance, support and advice.",
            ),
            (
                PARTNERS,
                "Support us in finding new ways to optimise volunteering and in helping us to review existing activities.",
            ),
        ],
    ),
]

# The five umbrella-plan priorities each District plan carries (001, section 7), with the
# OPCC deliverables of section 8 as commitments.
DISTRICT_PRIORITIES: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "Tackling anti-social behaviour and reducing its impact on victims and communities",
        "Communities",
        "ASB satisfaction and resolution",
        [
            (PCC, "Improve the way that agencies work together in relation to anti-social behaviour."),
            (PCC, "Oversee the delivery of the other aspects of the anti-social behaviour plan."),
            (CC, "Work with the Community Safety Partnership to resolve repeat locations and repeat victims."),
        ],
    ),
    (
        "Preventing and reducing burglary and fear of burglary in your area",
        "Offenders",
        "Reduce levels, increase detections and reduce repeat victimisation",
        [
            (PCC, "Support the further embedding of Integrated Offender Management."),
            (PCC, "Promote and support crime prevention activity, including the Bobby Van."),
            (CC, "Support the access of any relevant crime information by residents and partners."),
            (PARTNERS, "Oversee the delivery of the other elements of the burglary plan."),
        ],
    ),
    (
        "Tackling domestic and sexual abuse, particularly towards women and children",
        "Victims",
        "Improved reporting and satisfaction, and more offenders brought to justice",
        [
            (
                PCC,
                "Encourage victims to access the support services available to them and be a visible leader in the "
                "campaign against these forms of abuse and exploitation.",
            ),
            (
                PARTNERS,
                "Improve the way agencies work together to provide efficient and effective support and prevent "
                "victimisation through early intervention.",
            ),
            (
                CC,
                "Support, monitor and oversee improvements in the consistency, quality and stability of critical "
                "services being provided to victims.",
            ),
        ],
    ),
    (
        "Putting victims first",
        "Victims",
        "Victim satisfaction, criminal justice outcomes and reduced repeat offending",
        [
            (
                PCC,
                "Implement and oversee services commissioned to support victims, including Lighthouse, ensuring they "
                "help victims to cope and recover from their experience.",
            ),
            (
                PCC,
                "Commission a range of restorative justice services, including neighbourhood sites and pre and post "
                "sentence services, and raise awareness of restorative justice.",
            ),
            (
                PARTNERS,
                "Continue to oversee partner funding and commissioning of victim services so that investment is maintained.",
            ),
        ],
    ),
    (
        "Improving road safety for all road users",
        "Communities",
        "Fewer people killed or seriously injured on the roads",
        [
            (CC, "Oversee delivery of the Constabulary's Road Safety Strategy in the District."),
            (PARTNERS, "Support Community Speedwatch and road safety education with the local authority."),
        ],
    ),
]

# (purpose, amount, conditions) for each District's Community Safety Partnership (001).
DISTRICT_GRANTS = [
    (
        "Crime and disorder reduction: early intervention with young people at risk of offending",
        "Spend against an agreed delivery plan; quarterly returns on spend and outcomes to the OPCC.",
    ),
    (
        "Domestic abuse and sexual violence services, in line with the Victims' Code",
        "Services commissioned in line with the Victims' Code; an annual outcomes report.",
    ),
    (
        "Reducing anti-social behaviour and its impact on victims",
        "Quarterly returns; match funding from the local authority.",
    ),
]
DISTRICT_GRANT_AMOUNTS = [412000, 286500, 98000, 75250, 64000, 58500, 120000, 88000, 41500]


def _sections() -> list[tuple[str, str, list[str], bool]]:
    """(title, body, covers, in_public_summary) in the order of Appendix 2 of 000."""
    milestones = json.loads((DATA_DIR / "milestones_2016_21.json").read_text())["milestones"]
    measures = json.loads((DATA_DIR / "measures_figure1.json").read_text())["measures"]
    timeline = _table(
        "The timeline for developing the plan (000, Appendix 1)",
        ["Milestone", "From", "To", "Statutory step"],
        [
            [
                m["title"],
                date.fromisoformat(m["start"]).strftime("%d/%m/%y"),
                date.fromisoformat(m["end"]).strftime("%d/%m/%y"),
                m["statutory"] or "",
            ]
            for m in milestones
        ],
    )
    framework = _table(
        "How the performance framework works",
        ["Outcome", "Measure", "Direction of travel", "Better when"],
        [[m["outcome"], m["measure"], m["direction"], m["better"]] for m in measures],
    )
    deliverables = _table(
        "Key deliverables of the Office of the Police and Crime Commissioner",
        ["Deliverable", "Outcome or priority", "Timetable", "Lead officer"],
        [
            [
                "Improve the way that agencies work together in relation to ASB",
                "ASB satisfaction and resolution",
                "Ongoing",
                "ALH",
            ],
            [
                "Oversee the delivery of the other aspects of the ASB Police and Crime Plan",
                "ASB satisfaction and resolution",
                "Ongoing",
                "ALH",
            ],
            [
                "Encourage victims to access the support services available to them",
                "Improved reporting and satisfaction",
                "Ongoing",
                "AJ",
            ],
            [
                "Improve the way agencies work together to provide efficient and effective support",
                "Increased OBTJ and reporting",
                "Ongoing",
                "AJ",
            ],
            [
                "Support the further embedding of Integrated Offender Management",
                "Reduce levels, increase detections, reduce repeat victimisation",
                "Ongoing",
                "DH",
            ],
            [
                "Promote and support crime prevention activity: Bobby Van",
                "Reduce levels, increase detections, reduce repeat victimisation",
                "Ongoing",
                "DH",
            ],
            [
                "Implement and oversee services commissioned to support victims, including Lighthouse",
                "Victim satisfaction, CJ outcomes and reduced repeat offending",
                "Ongoing",
                "MH",
            ],
            [
                "Commission a range of Restorative Justice services across Avon and Somerset",
                "Victim satisfaction, CJ outcomes and reduced repeat offending",
                "By July 2015",
                "HR",
            ],
            [
                "Develop and implement a criminal justice action plan with the ASCJB",
                "Victim satisfaction, CJ outcomes and reduced repeat offending",
                "Develop by July 2015, implement by March 2016",
                "JC",
            ],
            ["Oversee delivery of the AIRS service for drug and alcohol referral", "CJ outcomes", "Ongoing", "MH"],
            [
                "Balanced budget and corresponding precept plan for 2015/16 to 2017/18",
                "Precept plan",
                "By February",
                "MOS",
            ],
            ["Continue to develop the Independent Residents Panel", "Satisfaction and confidence", "Ongoing", "KP"],
            [
                "Business crime: maintain work with the Constabulary and local groups",
                "Satisfaction and confidence",
                "Ongoing",
                "MOS",
            ],
            ["Needs assessment and strategic planning with partners", "Criminal justice outcomes", "Ongoing", "DH"],
            ["Engagement and consultation, including on the precept", "Satisfaction and confidence", "Ongoing", "MH"],
            [
                "Effective and well publicised contacts and casework system",
                "Satisfaction and confidence",
                "Ongoing",
                "KP",
            ],
            [
                "Review of engagement including PACT, Neighbourhood Watch and Community Speedwatch",
                "Satisfaction and confidence",
                "Ongoing",
                "Team",
            ],
            ["Review of the use of specials and volunteers", "Satisfaction and confidence", "Ongoing", "Team"],
            [
                "Maintain and develop the Commissioner's Community Action Fund",
                "Satisfaction and confidence; CJ outcomes",
                "Ongoing",
                "AJ",
            ],
            [
                "Direct youth engagement by the OPCC and the Constabulary",
                "Satisfaction and confidence",
                "Ongoing",
                "CF / AH",
            ],
            [
                "Maintain and develop the Out of Court Disposals Scrutiny Panel",
                "CJ outputs and victim satisfaction",
                "Ongoing",
                "JC",
            ],
            [
                "Action plan for the Mental Health Crisis Care Concordat",
                "Satisfaction and confidence",
                "Ongoing",
                "CF / AH",
            ],
            [
                "Road safety: oversee delivery of the Constabulary Road Safety Strategy",
                "Satisfaction and confidence",
                "Ongoing",
                "DH",
            ],
            [
                "Rural crime: oversee delivery of the rural crime strategy",
                "Satisfaction and confidence",
                "Ongoing",
                "JS",
            ],
            [
                "Integrated services with local authorities, Fire and regional collaboration",
                "Effective and efficient force",
                "Ongoing",
                "JS",
            ],
            [
                "Regional Reducing Reoffending Board and Transforming Rehabilitation",
                "Criminal justice outcomes",
                "Ongoing",
                "JS / JC",
            ],
            [
                "Implement a Child Sexual Exploitation support service",
                "Victim satisfaction",
                "By August 2015",
                "CF / AH",
            ],
            ["Commission and oversee an Appropriate Adults Service", "CJ outcomes", "By March 2015", "CF / AH"],
        ],
    )
    return [
        (
            "Foreword and introduction",
            _p(
                "This is my Police and Crime Plan for Avon and Somerset. It sets out what I want policing and community "
                "safety to achieve during my term of office, and how I will hold the Chief Constable to account for it.",
                "My vision is that Avon and Somerset continues to be a safe place to live, work and visit. I want to cut "
                "crime, improve confidence in policing, support the economy and encourage people to work together to "
                "make communities safer.",
                "The five objectives of the first plan were well founded, but experience suggests we need a slightly "
                "adapted approach to provide sufficient focus to drive progress on priority areas. The first plan did "
                "not distinguish sufficiently between the respective roles of the PCC and the police service, or "
                "adequately explain how we would work with partners to deliver our priorities.",
                "This plan provides a greater focus on priorities and activities. It sets out clearly what I will do, "
                "what I expect the Chief Constable to do and how I will work with partners. This sharper focus will "
                "shape the work of my office and the police service, and our work with partners, over my term.",
                "I will set clear goals for myself, for the Chief Constable and for others in this plan, and will work "
                "with them and partners to achieve those goals.",
            ),
            [],
            True,
        ),
        (
            "Priorities and expected outcomes",
            "<p>Six priority areas of activity have been identified.</p>"
            + "".join(f"<h3>{escape(title)}</h3>" + _p(aim) for title, _, aim, _ in PRIORITIES)
            + _p(
                "Delivery against this plan cannot be achieved by the Commissioner and the Chief Constable acting in "
                "isolation. We will need to work closely and effectively with our statutory partners and with the "
                "third sector; members of the public, our local communities and businesses have a key role too."
            ),
            ["objectives"],
            True,
        ),
        (
            "Roles and responsibilities, governance and community involvement",
            "<h3>Purpose and period of the plan</h3>"
            + _p(
                "The Police and Crime Plan is both a statutory requirement and the core planning tool of the Police and "
                "Crime Commissioner, and directs and communicates the Commissioner's priorities during the period in "
                "office. It runs until the end of the financial year of the next term, 31 March 2021, and may be varied "
                "or refreshed at any time, subject to consultation with the Chief Constable and review by the Police "
                "and Crime Panel.",
                "It is anticipated that the plan will be refreshed annually to reflect cyclical planning and "
                "commissioning arrangements, and that progress against it will be reviewed quarterly: in April, July, "
                "October and January.",
            )
            + "<h3>Roles of the Commissioner, the Chief Constable and the Panel</h3>"
            + _p(
                "The Commissioner is responsible for the totality of policing in Avon and Somerset and is accountable "
                "to the electorate and to the Police and Crime Panel. The Commissioner is a prominent, visible, "
                "representative voice of the community and uses that position to hold the Chief Constable to account "
                "for the actions and performance of the force, respecting the operational independence of the Chief "
                "Constable.",
                "The Chief Constable is accountable to the law for the exercise of police powers, and to the "
                "Commissioner for the delivery of an effective and efficient policing service. The decision on who to "
                "investigate or how to deploy police resources on a day to day basis is one the Commissioner should "
                "never seek to influence.",
                "The Police and Crime Panel reviews the draft plan and may make a report or recommendations, to which "
                "the Commissioner must have regard and respond. The Commissioner must consult the Chief Constable in "
                "preparing the plan and before issuing or varying it, and must send a copy of the plan to the Chief "
                "Constable, who must have regard to it.",
            )
            + "<h3>How the Chief Constable reports to the Commissioner</h3>"
            + _p(
                "The Commissioner holds the Chief Constable to account for delivery against the plan through a series "
                "of scrutiny meetings, and holds the OPCC's Chief Executive to account for the elements of the plan "
                "delivered by the Office of the Police and Crime Commissioner.",
                "There are regular performance reports to the Police and Crime Panel; an annual report in June; "
                "performance information made available through the year on the OPCC website; and public forum "
                "meetings every two months covering the districts of Avon and Somerset, where members of the public "
                "can ask questions about the delivery of the plan.",
            )
            + "<h3>How you can get involved</h3>"
            + _p(
                "We will invite comments on the high-level priorities and on the plan as it develops, on the OPCC "
                "website and the Constabulary intranet, at a webchat hosted jointly by the Commissioner and the Chief "
                "Constable, and at one public event in each District, with documents available at PACT meetings.",
                "Independent Advisory Group members will be invited to a specific meeting to discuss the equalities "
                "objectives of the plan.",
            ),
            ["reporting"],
            True,
        ),
        (
            "Strategic priorities: objectives, activities and accountability",
            _p(
                "The Police and Crime Plan is primarily a strategic planning document setting out the police and crime "
                "objectives and desired outcomes for delivery across a number of priority areas. It does not contain "
                "the specific detail of the projects and services that will support the delivery of these objectives.",
                "The objectives are set primarily at a force-wide level, with the anticipation that the core objectives "
                "are relevant to all policing and community safety areas. Additional district-specific objectives are "
                "included in the District plans, developed with each Community Safety Partnership.",
                "Locally tailored plans give a greater opportunity to identify key issues, to explore in detail how to "
                "co-ordinate a multi-agency response to address them, and to synchronise plans with the commissioning "
                "cycle. We offer each Community Safety Partnership the opportunity to have a joint local plan.",
            )
            + _ul(
                "Vulnerability",
                "Strengthening local policing",
                "Supporting the Chief Constable to maintain an effective workforce",
                "Strengthening partnership working",
            ),
            ["objectives", "policing"],
            False,
        ),
        (
            "Legitimacy",
            _p(
                "People's confidence in the police depends on being treated fairly and with respect. The Commissioner "
                "holds the Chief Constable to account for the Constabulary's equality objectives, for the use of stop "
                "and search and of force, and for how complaints are handled, and oversees the embedding of the Code "
                "of Ethics in the Constabulary.",
                "The Commissioner and the Chief Constable share a vision and commitment to make the communities of Avon "
                "and Somerset safe, and ensure that they feel safe. They work together understanding that their roles "
                "are distinct yet complementary: mutual understanding of, and respect for, each other's statutory "
                "functions enhances policing for local communities.",
                "The Commissioner and Chief Constable are committed to an open and constructive relationship, built on "
                "straight and honest dealing, and will keep staff informed of progress to achieve this vision.",
            ),
            ["objectives"],
            False,
        ),
        (
            "Collaboration and the Strategic Policing Requirement",
            _p(
                "The Constabulary works with Wiltshire Police in a Strategic Alliance, with the South West forces in "
                "the Regional Organised Crime Unit, and with local authorities, health and the voluntary sector in "
                "every district.",
                "The ambition is for the OPCC to function as a single commissioning team in support of the aims, "
                "objectives and outcomes of the Commissioner. The Constabulary, as the largest single provider of "
                "police and crime services, has the status of the first among equals of service providers.",
                "In overseeing delivery of the plan the OPCC will encourage early intervention to prevent crime and "
                "anti-social behaviour; ensure effective support for those who become victims; encourage better "
                "co-ordination and integration of local services; and identify and embed best practice within Avon "
                "and Somerset and beyond.",
                "The Commissioning Strategy is based on the principles of the Understand, Plan, Do, Review cycle and an "
                "approach which is outcomes focused, evidence based, builds on the Police and Crime Needs Assessment "
                "and puts service users at the heart of commissioning.",
            )
            + "<h3>The Strategic Policing Requirement</h3>"
            + _p(
                "The Commissioner must have regard to the Strategic Policing Requirement issued by the Secretary of "
                "State. The Constabulary maintains the capacity and capability to safeguard against the tier 2 and 3 "
                "threats to regional and national security: terrorism, serious and organised crime, national cyber "
                "incidents, threats to public order and civil emergencies, and child sexual abuse."
            ),
            ["policing", "services"],
            False,
        ),
        (
            "Resources",
            _p(
                "The funding landscape for policing over the coming years is challenging. Significant efficiency "
                "savings have already been made in our area but further action is needed to ensure that over the "
                "longer term we are able to deliver a high quality police service for our communities.",
                "In 2016/17 the Commissioner provides the Chief Constable with a revenue budget of £268.9 million and a "
                "capital programme of £18.2 million. The Medium Term Financial Plan shows savings of £17 million to be "
                "found by 2020/21, which the Constabulary will deliver while protecting neighbourhood policing.",
                "Changes to the configuration of policing numbers and deployment are designed to maintain and where "
                "possible improve the service as well as save money, in accordance with agreed guiding principles.",
                "The Commissioner also makes crime and disorder reduction grants to the Community Safety Partnerships "
                "and to voluntary organisations, on the conditions set out in the grants table of this plan.",
            ),
            ["resources", "grants"],
            False,
        ),
        (
            "Performance and outcomes",
            _p("The performance measure framework of this plan is based upon the following principles.")
            + _ul(
                "The performance measures relate specifically to outcomes described in the Police and Crime Plan.",
                "Performance measures are risk assessed for reliability, validity and potential for perverse incentive "
                "in consultation with the Constabulary.",
                "Generally the performance measures are one year measures, effective from 1 April, unless the measure "
                "relates to a longer term issue or project.",
                "The baseline for most performance measures is developed through consultation with the Constabulary, "
                "giving due consideration to the most appropriate period for each measure.",
                "The measures take a three tiered approach to provide a focused direction of travel: current good "
                "performance should be maintained; improvement in performance is expected; a transformation of "
                "performance is required.",
            )
            + framework,
            ["performance", "reporting"],
            True,
        ),
        (
            "Appendix one: profile of Avon and Somerset",
            _p(
                "Avon and Somerset covers 1,855 square miles and is home to 1.6 million people, in the four unitary "
                "authorities of Bristol, Bath and North East Somerset, North Somerset and South Gloucestershire, and "
                "the five districts of Somerset: Mendip, Sedgemoor, South Somerset, Taunton Deane and West Somerset."
            )
            + _ul(
                "Geographic make-up: districts and local authorities",
                "Demographic make-up: population, and recognition of diverse groups with specific and diverse needs",
                "Agencies, roles and responsibilities: the community safety and criminal justice landscape",
            ),
            ["policing"],
            False,
        ),
        (
            "Appendix two: useful information",
            _p(
                "In an emergency, call 999. For anything else, call 101 or report online. You can give information "
                "about crime anonymously to Crimestoppers on 0800 555 111.",
                "This plan is available in large print, easy read and other languages on request.",
            ),
            [],
            True,
        ),
        ("Appendix three: how this plan was developed", timeline, [], False),
        ("Appendix four: the OPCC's deliverables", deliverables, [], False),
        (
            "Appendix five: the statutory framework",
            "<h3>What the plan must set out</h3>"
            + _p(
                "A Police and Crime Commissioner is required to issue a plan as soon as practicable after taking "
                "office, and before the end of the financial year in which they are elected. The Police Reform and "
                "Social Responsibility Act 2011 states that the plan must set out for its period of issue:"
            )
            + _ul(
                "the Commissioner's police and crime objectives for the area;",
                "the policing of the area which the Chief Constable is to provide;",
                "the financial and other resources which the Commissioner is to provide the Chief Constable;",
                "the means by which the Chief Constable will report to the Commissioner on the provision of policing;",
                "the means by which the Chief Constable's performance in providing policing will be measured;",
                "the services which the Commissioner is to provide or arrange to support crime and disorder reduction "
                "or to help victims or witnesses of crime and anti-social behaviour;",
                "any grants which the Commissioner is to make, and the conditions of those grants.",
            )
            + "<h3>Before the plan is issued</h3>"
            + _p("Before publishing a Police and Crime Plan the Commissioner must:")
            + _ul(
                "prepare a draft of the plan;",
                "consult the Chief Constable;",
                "send the plan to the Police and Crime Panel;",
                "have regard to any report or recommendation by the Panel;",
                "give the Panel a response to any report or recommendations; and",
                "publish any such response.",
            )
            + _p(
                "In preparing the plan the Commissioner must have regard to the relevant priorities of each "
                "responsible authority, which have a duty to co-operate with the Commissioner for the purpose of "
                "formulating the plan. The Commissioner must also make arrangements to obtain the views of the "
                "community, including victims of crime, on policing, and ensure an efficient and effective criminal "
                "justice system.",
                "The plan must achieve value for money, ensure the Chief Constable fulfils their duties relating to "
                "equality and diversity, and have regard to the need to safeguard and promote the welfare of "
                "children, to the Strategic Policing Requirement and to guidance or codes of practice issued by the "
                "Secretary of State.",
            )
            + "<h3>An effective voice for residents</h3>"
            + _p(
                "How the Commissioner listens to residents and ensures their views inform the design and delivery of "
                "the policing service, community safety programmes and criminal justice outcomes:"
            )
            + _ul(
                "Input: listen to communities, residents, victims of crime and young people; listen to business in "
                "the region; listen to quiet voices as well as well organised interest and lobby groups.",
                "Analyse and prioritise: understand the inputs, analyse data and identify trends, and identify and "
                "agree priorities.",
                "Actions: agree actions and outcomes with the Constabulary to address the priorities identified for "
                "residents and monitor outcomes; agree commissioning activity and outcomes with community safety "
                "providers; agree funding grants to community projects; communicate effectively to communities "
                "about the actions taken.",
            ),
            [],
            False,
        ),
    ]


def build_large_plan(
    *, area: PoliceArea, author: Any, slug: str = "police-and-crime-plan-2016-21-full-text"
) -> Version:
    """Create the plan (idempotent by slug) and return its first version."""
    existing = Plan.objects.filter(area=area, slug=slug).first()
    if existing is not None and existing.versions.exists():
        return existing.versions.order_by("number").first()
    plan = Plan.objects.create(
        area=area,
        title="Police and Crime Plan 2016-21",
        slug=slug,
        starts_on=date(2016, 5, 5),
        ends_on=date(2021, 3, 31),
        kind=Plan.Kind.NEW,
        pcc_name="Sue Mountstevens",
        pcc_elected_on=date(2016, 5, 5),
        vision=(
            "To ensure that Avon and Somerset continues to be a safe place to live, work and visit. To cut crime, "
            "improve confidence in policing, support the economy and encourage people to work together to make "
            "communities safer."
        ),
        created_by=author,
    )
    for order, (title, body, covers, in_summary) in enumerate(_sections()):
        Section.objects.create(
            plan=plan,
            title=title,
            order=order,
            body=body,
            covers=covers,
            in_public_summary=in_summary,
            addresses_spr="Strategic Policing" in title,
        )
    districts = list(District.objects.filter(area=area, name__in=DISTRICTS).order_by("name"))
    objectives = []
    for order, (title, theme, aim, commitments) in enumerate(PRIORITIES):
        objective = Objective.objects.create(plan=plan, title=title, theme=theme, aim=aim, order=order)
        objectives.append(objective)
        Commitment.objects.bulk_create(
            Commitment(objective=objective, actor=actor, text=text, order=i)
            for i, (actor, text) in enumerate(commitments)
        )
    order = 100
    for district in districts:
        for title, theme, aim, commitments in DISTRICT_PRIORITIES:
            objective = Objective.objects.create(
                plan=plan, title=title, theme=theme, aim=f"In {district.name}: {aim}.", order=order, district=district
            )
            order += 1
            Commitment.objects.bulk_create(
                Commitment(objective=objective, actor=actor, text=text, order=i)
                for i, (actor, text) in enumerate(commitments)
            )
        Section.objects.create(
            plan=plan,
            title=f"Community safety in {district.name}",
            order=order,
            district=district,
            body=_p(
                f"The {district.name} Community Safety Partnership and the Commissioner have agreed a joint local "
                "plan. It sets the force-wide objectives in the context of the District, with the locally-relevant "
                "objectives and budgetary information residents asked for in the District-level consultation.",
                "The District's neighbourhood policing team meets residents at PACT meetings, and the Commissioner's "
                "public forum meets in the District every two months.",
            )
            + _table(
                f"Who delivers the priorities in {district.name}",
                ["Deliverable", "Priority", "Timetable", "Lead"],
                [
                    [text, title, "Ongoing", LEADS[actor]]
                    for title, _, _, commitments in DISTRICT_PRIORITIES
                    for actor, text in commitments
                ],
            ),
        )
    amounts = iter(DISTRICT_GRANT_AMOUNTS * len(DISTRICT_GRANTS))
    for district in districts:
        for index, (purpose, conditions) in enumerate(DISTRICT_GRANTS):
            Grant.objects.create(
                plan=plan,
                recipient=f"{district.name} Community Safety Partnership",
                purpose=purpose,
                amount=next(amounts) // (index + 1),
                conditions=conditions,
                objective=objectives[[0, 4, 0][index]],
            )
    Grant.objects.create(
        plan=plan,
        recipient="PCC Small Grants Scheme",
        purpose="Community projects that prevent crime and support victims, up to £5,000 each",
        amount=150000,
        conditions="Awarded by a panel including independent members; each project reports its outcomes.",
        objective=objectives[5],
    )
    return version_cut(plan=plan, by=author, note="Full text, for the benchmark and the worker tests")
