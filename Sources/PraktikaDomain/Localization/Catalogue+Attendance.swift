import Foundation

extension Catalogue {
    static let bulgarianAttendance: [TextKey: String] = [
        .actionKind: "Вид",
        .actionText: "Текст",
        .actionItem: "Точка от програмата",
        .actionTable: "Работна маса",
        .actionOwner: "Отговорник",
        .actionOwnerName: "Отговорник без профил",
        .hintActionOwner: "Изберете профил, за да види задачата на началната си страница, или напишете име по-долу.",
        .actionDue: "Срок",
        .actionStatus: "Състояние",
        .actionDesign: "Свързана услуга",
        .actionPartner: "Свързан партньор",
        .actionsDecisions: "Решения",
        .actionsOpen: "Отворени задачи",
        .actionsClosed: "Приключени задачи",
        .actionsAdd: "Ново решение или задача",
        .actionsNone: "Няма записани.",
        .actionKindDecision: "Решение",
        .actionKindAction: "Задача",
        .actionStatusOpen: "отворена",
        .actionStatusDone: "изпълнена",
        .actionStatusDropped: "отпаднала",
        .actionOverdue: "просрочена",
        .validationActionOwner: "Задачата трябва да има отговорник: изберете профил или напишете име.",
        .homeMyActions: "Вашите задачи от срещи",
        .feedbackRequired: "Задължителен въпрос",
        .tableCards: "Карти за масите",
        .validationTooSmall: "Стойността е твърде малка.",
        .conflictMeetingChanged:
            "Докато редактирахте, някой друг промени срещата. Вашите промени са запазени във формуляра; ако ги запазите, те ще заменят другите. Отворете срещата в нов раздел, за да видите какво е променено.",
        .startTitle: "Моята работа",
        .startLead: "Здравейте, {name}. Ето какво ви чака и докъде са стигнали вашите услуги.",
        .startWaiting: "Какво ви чака",
        .startNothingWaits: "Нищо не ви чака в момента.",
        .startMyServices: "Вашите услуги",
        .startNoServices: "Все още нямате услуги. Започнете с умната карта.",
        .startBlocksFilled: "Попълнени блокове: {filled} от {total}",
        .startNextStage: "За етап „{stage}“ остава:",
        .startReadyFor: "Готова за етап „{stage}“.",
        .startLastStage: "Услугата е на последния етап.",
        .startMyMeetings: "Срещи, които предстоят",
        .startNoMeetings: "Няма предстоящи срещи във вашата област.",
        .startEnterResult: "Въведете резултат: „{indicator}“, {period}",
        .startReviewResult: "Прегледайте резултат: „{indicator}“, {period}",
        .startShownServices: "Показани са последно променените {shown} от {count}.",
        .startDistrictServices: "Услугите във вашата област",
        .startNetwork: "Мрежата",
        .historyField: "Поле",
        .conflictRecordChanged:
            "Докато редактирахте, някой друг промени този запис. Вашите промени са запазени във формуляра; ако ги запазите, те ще заменят другите. Отворете записа в нов раздел, за да видите какво е променено.",
        .attachmentBroken:
            "Файлът е повреден или съдържа нещо различно от това, което е по разширението си. Запазете го отново от програмата, в която е създаден.",
        .attachmentArchiveTooLarge: "Файлът се разархивира до твърде много данни или съдържа твърде много части за документ.",
        .registerThrottled:
            "От тази връзка дойдоха твърде много записвания за кратко време. Въведеното е запазено: изпратете го отново след десетина минути.",
        .validationRepeated: "Параметърът е зададен повече от веднъж.",
        .errorMethodNotAllowed: "Този адрес не приема такава заявка.",
        .historyRestoreQuestion:
            "Да бъде ли възстановена версия {version} от {date}? Текущата версия {current} остава в историята, а възстановеното съдържание става версия {next}.",
        .historyRestoreCompare: "Вижте какво ще се промени",
        .sessionCapacity: "Места в сесията",
        .hintSessionCapacity: "За работилници, за които хората се записват: над този брой чакат. Празно — сесия за всички.",
        .sessionChoose: "Сесии със записване",
        .hintSessionChoose: "Място в сесия се пази само за хора с място на срещата.",
        .sessionFreePlaces: "свободни места: {count}",
        .sessionFull: "заета, лист на чакащите",
        .sessionLeave: "отпиши ме",
        .sessionLine: "{title}: {confirmed} от {capacity} места, чакащи {waiting}",
        .mailKindSessionPromoted: "Място в сесия",
        .mailSessionPromotedSubject: "Място в сесия: {session}",
        .mailSessionPromotedBody: """
        Здравейте, {name},

        освободи се място и вече сте записан(а) за сесията {session} на „{title}“.

        Ако не можете да участвате, отпишете се тук:
        {personal}
        """,
        .reportTranslatedNote:
            "Организаторите са написали доклада на английски; тук той е съставен на български от данните за срещата. Имената и заглавията остават, както са въведени.",
        .reportOriginal: "Текстът на организаторите",
        .feedbackPosition: "Място във формуляра",
        .hintFeedbackPosition: "Въпросите се подреждат по тези числа.",
        .feedbackAddQuestion: "Добави въпрос",
        .feedbackRequiredMark: "задължителен",
        .validationAnswerRequired: "Моля, отговорете на този въпрос.",
        .feedbackMoveUp: "Нагоре",
        .feedbackMoveDown: "Надолу",
        .reportMarkReported: "Отбележи срещата като „Отчетена“",
        .reportMarkReportedWarning: "Срещата сега е „{status}“. Ако я отбележите като отчетена, регистрацията ѝ се затваря.",
        .reportDecisions: "Решения",
        .reportOpenActions: "Отворени задачи",
        .reportAttendance: "Присъствали: {present} от {confirmed} с потвърдено място; неявили се: {absent}.",
        .registrationConfirmed: "Потвърдено място",
        .registrationWaiting: "В листата на чакащите",
        .registrationWaitingNumber: "Чакащ № {position}",
        .registrationWithdrawn: "Отказал(а) се",
        .registrationStatus: "Регистрация",
        .capacityLine: "Заети места: {confirmed} от {capacity}",
        .capacityNone: "Без ограничение на местата",
        .waitingLine: "чакащи: {waiting}, отказали се: {withdrawn}",
        .meetingCapacity: "Брой места",
        .hintMeetingCapacity: "Регистрациите над този брой чакат по реда на записване; при отказ първият чакащ получава мястото и писмо.",
        .meetingStartsAt: "Начален час",
        .meetingEndsAt: "Краен час",
        .meetingFromTime: "от {time}",
        .meetingReminderDays: "Напомняне (дни преди срещата)",
        .hintReminderDays: "0 — без напомняне. Писмото отива до всички с потвърдено място и електронна поща.",
        .meetingTabCheckIn: "На място",
        .meetingTabActions: "Решения и задачи",
        .personalConfirmed: "Мястото ви е потвърдено.",
        .personalWaiting: "В листата на чакащите сте под № {position}. Ако се освободи място, ще го получите веднага и ще ви пишем.",
        .personalWithdrawn: "Отказахте се от участие. Мястото ви е предоставено на следващия чакащ.",
        .personalKeepLink: "Запазете адреса на тази страница: чрез нея можете да се откажете и после да изтеглите удостоверението си.",
        .personalNoEmail: "Не сте оставили електронна поща, затова няма да получавате писма. Запазете адреса на тази страница.",
        .withdrawButton: "Отказвам се",
        .withdrawQuestion: "Наистина ли се отказвате от участие? Мястото ви ще бъде дадено на следващия чакащ.",
        .withdrawOrganiserQuestion: "{name} се отказва от участие? Мястото отива при първия чакащ.",
        .withdrawHint: "Ако не можете да дойдете, откажете се: някой от чакащите ще получи мястото ви.",
        .flashWithdrawn: "Отказът е записан.",
        .certificateTitle: "Удостоверение за участие",
        .certificateCertifies: "Удостоверява се, че",
        .certificateAttended: "участва в",
        .certificateHours: "Продължителност",
        .certificateHoursValue: "{hours} ч.",
        .certificateSerial: "Сериен номер",
        .certificateVerifyAt: "Проверка:",
        .certificateOpen: "Удостоверение за участие",
        .certificateNotAttended: "Удостоверение се издава само на участници, отбелязани като присъствали на срещата.",
        .certificatesTitle: "Удостоверения",
        .certificatesHint:
            "Удостоверение има всеки отбелязан като присъствал. Серийният номер се дава при първото отваряне и се проверява публично.",
        .certificatesNone: "Още никой не е отбелязан като присъствал.",
        .verifyTitle: "Проверка на удостоверение",
        .verifyButton: "Провери",
        .verifyValid: "Удостоверението е валидно.",
        .verifyNotFound: "Няма удостоверение с този номер. Проверете дали е въведен точно както е отпечатан.",
        .checkInCount: "Присъстват {present} от {count}",
        .checkInSearch: "Търсене по име или организация",
        .checkInButton: "Присъства",
        .checkInUndo: "отмени",
        .checkInPresentSince: "присъства от {time}",
        .checkInNotConfirmed: "Този човек няма потвърдено място ({status}) и не може да бъде отбелязан.",
        .checkInBackToList: "Към списъка за отбелязване",
        .checkInSessionTitle: "Всички присъстват на сесия",
        .checkInSession: "Сесия",
        .checkInAllPresent: "Отбележи всички като присъстващи",
        .checkInSessionQuestion: "Да бъдат ли отбелязани всички с потвърдено място като присъстващи на тази сесия?",
        .checkInSessionHint:
            "Часовете в удостоверенията се броят по сесиите, на които човек е отбелязан; без отбелязани сесии — по цялата програма.",
        .flashCheckedIn: "Отбелязан(а) като присъстващ(а).",
        .flashAlreadyCheckedIn: "Вече е отбелязан(а) — първото отбелязване остава.",
        .flashNotConfirmed: "Няма потвърдено място: не е отбелязан(а).",
        .flashCheckInUndone: "Отбелязването е отменено.",
        .flashSessionPresent: "Всички с потвърдено място са отбелязани на сесията.",
        .messagesTitle: "Изпратени писма",
        .messagesIntro: "Потвърждения, напомняния и писма след срещата — кой какво е получил.",
        .messagesSendAfter: "Изпрати писмото след срещата",
        .messagesAfterQuestion: "Писмото с материалите, анкетата и удостоверението ще отиде до {count} присъствали. Продължаване?",
        .messagesAfterHint: "Отива само до присъствалите с електронна поща, по веднъж на човек.",
        .flashAfterQueued: "Писмата след срещата са в опашката за изпращане.",
        .mailKindConfirmation: "Потвърждение",
        .mailKindWaiting: "Лист на чакащите",
        .mailKindPromoted: "Освободено място",
        .mailKindReminder: "Напомняне",
        .mailKindAfter: "След срещата",
        .mailNoProgramme: "Програмата предстои да бъде публикувана.",
        .mailNoFeedback: "(няма отворена анкета)",
        .mailNoCertificate: "(удостоверение се издава на присъствалите)",
        .mailConfirmationSubject: "Потвърдено участие: {title}",
        .mailConfirmationBody: """
        Здравейте, {name},

        мястото ви на „{title}“ е потвърдено.

        Кога: {dates}
        Къде: {venue}

        Програма:
        {agenda}

        Програмата е и в приложения файл за календара. Вашата страница (там можете и да се откажете):
        {personal}
        """,
        .mailWaitingSubject: "В листата на чакащите: {title}",
        .mailWaitingBody: """
        Здравейте, {name},

        местата за „{title}“ ({dates}) са заети. Записахме ви в листата на чакащите под № {position}.
        Ако се освободи място, ще го получите веднага и ще ви пишем.

        Вашата страница:
        {personal}
        """,
        .mailPromotedSubject: "Освободи се място: {title}",
        .mailPromotedBody: """
        Здравейте, {name},

        освободи се място и вече участвате в „{title}“.

        Кога: {dates}
        Къде: {venue}

        Програма:
        {agenda}

        Програмата е и в приложения файл за календара. Ако не можете да дойдете, откажете се тук:
        {personal}
        """,
        .mailReminderSubject: "Напомняне: {title}, {dates}",
        .mailReminderBody: """
        Здравейте, {name},

        напомняме, че „{title}“ предстои.

        Кога: {dates}
        Къде: {venue}

        Програма:
        {agenda}

        Ако не можете да дойдете, откажете се, за да получи мястото някой от чакащите:
        {personal}
        """,
        .mailAfterSubject: "Благодарим ви за участието: {title}",
        .mailAfterBody: """
        Здравейте, {name},

        благодарим ви, че участвахте в „{title}“.

        Материали (програмата с презентациите):
        {programme}

        Как мина срещата? Анонимна анкета:
        {feedback}

        Удостоверение за участие:
        {certificate}
        """,
        .moveKeepsHint:
            "Преместеният на ръка остава на масата си, когато всички се разпределят отново (отбелязан е „закрепен“). „Освободи“ го връща на разпределението.",
        .pinnedTag: "закрепен",
        .unpinButton: "освободи",
        .flashUnpinned: "Освободен(а): при следващото разпределение може да бъде преместен(а).",
        .tableOverCapacity: "Маса {number}: {count} души при {capacity} места.",
        .validationNotConfirmed: "Само хора с потвърдено място могат да седнат на маса.",
        .seatQuestionTitle: "Какво ще промени разпределението",
        .seatQuestionPinned: "{count} закрепени (преместени на ръка или фасилитатори) остават по местата си.",
        .seatQuestionMovable: "{count} вече седнали може да бъдат преместени.",
        .seatQuestionUnseated: "{count} без място ще получат маса.",
        .seatQuestionPinnedNames: "Кои остават",
        .seatQuestionConfirm: "Разпредели",
    ]

    static let englishAttendance: [TextKey: String] = [
        .actionKind: "Kind",
        .actionText: "Text",
        .actionItem: "Agenda item",
        .actionTable: "Work table",
        .actionOwner: "Owner",
        .actionOwnerName: "Owner without an account",
        .hintActionOwner: "Choose an account so that they see the action on their start page, or type a name below.",
        .actionDue: "Due",
        .actionStatus: "Status",
        .actionDesign: "Related service",
        .actionPartner: "Related partner",
        .actionsDecisions: "Decisions",
        .actionsOpen: "Open actions",
        .actionsClosed: "Closed actions",
        .actionsAdd: "New decision or action",
        .actionsNone: "None recorded.",
        .actionKindDecision: "Decision",
        .actionKindAction: "Action",
        .actionStatusOpen: "open",
        .actionStatusDone: "done",
        .actionStatusDropped: "dropped",
        .actionOverdue: "overdue",
        .validationActionOwner: "An action needs an owner: choose an account or type a name.",
        .homeMyActions: "Your actions from meetings",
        .feedbackRequired: "Required question",
        .tableCards: "Table cards",
        .validationTooSmall: "The value is too small.",
        .conflictMeetingChanged:
            "Someone else changed this meeting while you were editing it. Your changes are kept in the form; saving them will replace the other changes. Open the meeting in a new tab to see what changed.",
        .startTitle: "My work",
        .startLead: "Hello, {name}. Here is what waits for you and how far your services have come.",
        .startWaiting: "Waiting for you",
        .startNothingWaits: "Nothing waits for you right now.",
        .startMyServices: "Your services",
        .startNoServices: "You have no services yet. Start with the smart chart.",
        .startBlocksFilled: "Blocks filled: {filled} of {total}",
        .startNextStage: "Still to do for the “{stage}” stage:",
        .startReadyFor: "Ready for the “{stage}” stage.",
        .startLastStage: "The service is at its last stage.",
        .startMyMeetings: "Meetings coming up",
        .startNoMeetings: "No meetings coming up in your district.",
        .startEnterResult: "Enter the result: “{indicator}”, {period}",
        .startReviewResult: "Review the result: “{indicator}”, {period}",
        .startShownServices: "The {shown} changed last of {count} are shown.",
        .startDistrictServices: "Services in your district",
        .startNetwork: "The network",
        .historyField: "Field",
        .conflictRecordChanged:
            "Someone else changed this record while you were editing it. Your changes are kept in the form; saving them will replace the other changes. Open the record in a new tab to see what changed.",
        .attachmentBroken:
            "The file is damaged or holds something other than its extension says. Save it again from the program that made it.",
        .attachmentArchiveTooLarge: "The file unpacks to too much data, or holds too many parts, for a document.",
        .registerThrottled:
            "Too many registrations came from this connection in a short time. What you typed is kept: send it again in ten minutes or so.",
        .validationRepeated: "The parameter is given more than once.",
        .errorMethodNotAllowed: "This address does not accept this method.",
        .historyRestoreQuestion:
            "Restore version {version} of {date}? The current version {current} stays in the history, and the restored content becomes version {next}.",
        .historyRestoreCompare: "See what will change",
        .sessionCapacity: "Places in the session",
        .hintSessionCapacity: "For workshops people sign up for: beyond this number they wait. Empty: a session for everyone.",
        .sessionChoose: "Sessions to sign up for",
        .hintSessionChoose: "A place in a session is kept only for people with a place at the meeting.",
        .sessionFreePlaces: "places free: {count}",
        .sessionFull: "full, waiting list",
        .sessionLeave: "take me off",
        .sessionLine: "{title}: {confirmed} of {capacity} places, waiting {waiting}",
        .mailKindSessionPromoted: "Place in a session",
        .mailSessionPromotedSubject: "A place in a session: {session}",
        .mailSessionPromotedBody: """
        Hello {name},

        a place has opened and you are now signed up for the session {session} at "{title}".

        If you cannot take part, take yourself off here:
        {personal}
        """,
        .reportTranslatedNote:
            "The organisers wrote this report in Bulgarian; here it is written in English from the meeting's data. Names and titles stay as they were entered.",
        .reportOriginal: "The organisers' text (Bulgarian)",
        .feedbackPosition: "Place in the form",
        .hintFeedbackPosition: "Questions are ordered by these numbers.",
        .feedbackAddQuestion: "Add a question",
        .feedbackRequiredMark: "required",
        .validationAnswerRequired: "Please answer this question.",
        .feedbackMoveUp: "Up",
        .feedbackMoveDown: "Down",
        .reportMarkReported: "Mark the meeting as reported",
        .reportMarkReportedWarning: "The meeting is now \"{status}\". Marking it reported closes its registration.",
        .reportDecisions: "Decisions",
        .reportOpenActions: "Open actions",
        .reportAttendance: "Attended: {present} of {confirmed} with a confirmed place; did not come: {absent}.",
        .registrationConfirmed: "Place confirmed",
        .registrationWaiting: "On the waiting list",
        .registrationWaitingNumber: "Waiting no. {position}",
        .registrationWithdrawn: "Withdrawn",
        .registrationStatus: "Registration",
        .capacityLine: "Places taken: {confirmed} of {capacity}",
        .capacityNone: "No limit on places",
        .waitingLine: "waiting: {waiting}, withdrawn: {withdrawn}",
        .meetingCapacity: "Places",
        .hintMeetingCapacity:
            "Registrations beyond this number wait in the order they came; when someone withdraws, the first waiting gets the place and a message.",
        .meetingStartsAt: "Starts at",
        .meetingEndsAt: "Ends at",
        .meetingFromTime: "from {time}",
        .meetingReminderDays: "Reminder (days before the meeting)",
        .hintReminderDays: "0: no reminder. It goes to everyone with a confirmed place and an e-mail address.",
        .meetingTabCheckIn: "On the day",
        .meetingTabActions: "Decisions and actions",
        .personalConfirmed: "Your place is confirmed.",
        .personalWaiting: "You are number {position} on the waiting list. If a place opens, it is yours at once and we will write to you.",
        .personalWithdrawn: "You have withdrawn. Your place has gone to the next person waiting.",
        .personalKeepLink: "Keep this page's address: it lets you withdraw, and later download your certificate.",
        .personalNoEmail: "You left no e-mail address, so you will get no messages. Keep this page's address.",
        .withdrawButton: "Withdraw",
        .withdrawQuestion: "Do you really withdraw? Your place will go to the next person waiting.",
        .withdrawOrganiserQuestion: "Does {name} withdraw? The place goes to the first person waiting.",
        .withdrawHint: "If you cannot come, withdraw: someone on the waiting list will get your place.",
        .flashWithdrawn: "The withdrawal is recorded.",
        .certificateTitle: "Certificate of attendance",
        .certificateCertifies: "This certifies that",
        .certificateAttended: "attended",
        .certificateHours: "Duration",
        .certificateHoursValue: "{hours} h",
        .certificateSerial: "Serial number",
        .certificateVerifyAt: "Verify at:",
        .certificateOpen: "Certificate of attendance",
        .certificateNotAttended: "Certificates are issued only to participants recorded as present at the meeting.",
        .certificatesTitle: "Certificates",
        .certificatesHint:
            "Everyone recorded as present has a certificate. Its serial number is given when it is first opened and can be checked publicly.",
        .certificatesNone: "Nobody has been recorded as present yet.",
        .verifyTitle: "Verify a certificate",
        .verifyButton: "Verify",
        .verifyValid: "The certificate is valid.",
        .verifyNotFound: "There is no certificate with this number. Check that it is typed exactly as printed.",
        .checkInCount: "{present} of {count} present",
        .checkInSearch: "Search by name or organisation",
        .checkInButton: "Present",
        .checkInUndo: "undo",
        .checkInPresentSince: "present since {time}",
        .checkInNotConfirmed: "This person holds no confirmed place ({status}) and cannot be checked in.",
        .checkInBackToList: "Back to the check-in list",
        .checkInSessionTitle: "Everyone present at a session",
        .checkInSession: "Session",
        .checkInAllPresent: "Mark everyone present",
        .checkInSessionQuestion: "Record everyone with a confirmed place as present at this session?",
        .checkInSessionHint:
            "Certificates count the hours of the sessions a person was recorded at; with none recorded, the whole programme.",
        .flashCheckedIn: "Checked in.",
        .flashAlreadyCheckedIn: "Already checked in: the first check-in stays.",
        .flashNotConfirmed: "No confirmed place: not checked in.",
        .flashCheckInUndone: "Check-in undone.",
        .flashSessionPresent: "Everyone with a confirmed place is recorded at the session.",
        .messagesTitle: "Messages sent",
        .messagesIntro: "Confirmations, reminders and the message after the meeting: who was sent what.",
        .messagesSendAfter: "Send the message after the meeting",
        .messagesAfterQuestion:
            "The message with the materials, the feedback form and the certificate goes to {count} people who attended. Go on?",
        .messagesAfterHint: "It goes only to those present who gave an e-mail address, once each.",
        .flashAfterQueued: "The messages after the meeting are queued for sending.",
        .mailKindConfirmation: "Confirmation",
        .mailKindWaiting: "Waiting list",
        .mailKindPromoted: "Place opened",
        .mailKindReminder: "Reminder",
        .mailKindAfter: "After the meeting",
        .mailNoProgramme: "The programme is still to be published.",
        .mailNoFeedback: "(no feedback form is open)",
        .mailNoCertificate: "(certificates go to those who attended)",
        .mailConfirmationSubject: "Place confirmed: {title}",
        .mailConfirmationBody: """
        Hello {name},

        your place at "{title}" is confirmed.

        When: {dates}
        Where: {venue}

        Programme:
        {agenda}

        The programme is also attached as a calendar file. Your page (you can withdraw there too):
        {personal}
        """,
        .mailWaitingSubject: "On the waiting list: {title}",
        .mailWaitingBody: """
        Hello {name},

        the places for "{title}" ({dates}) are taken. You are number {position} on the waiting list.
        If a place opens, it is yours at once and we will write to you.

        Your page:
        {personal}
        """,
        .mailPromotedSubject: "A place has opened: {title}",
        .mailPromotedBody: """
        Hello {name},

        a place has opened and you are now taking part in "{title}".

        When: {dates}
        Where: {venue}

        Programme:
        {agenda}

        The programme is also attached as a calendar file. If you cannot come, withdraw here:
        {personal}
        """,
        .mailReminderSubject: "Reminder: {title}, {dates}",
        .mailReminderBody: """
        Hello {name},

        a reminder that "{title}" is coming up.

        When: {dates}
        Where: {venue}

        Programme:
        {agenda}

        If you cannot come, please withdraw so that someone waiting gets the place:
        {personal}
        """,
        .mailAfterSubject: "Thank you for taking part: {title}",
        .mailAfterBody: """
        Hello {name},

        thank you for taking part in "{title}".

        Materials (the programme with the slides):
        {programme}

        How was the meeting? An anonymous feedback form:
        {feedback}

        Certificate of attendance:
        {certificate}
        """,
        .moveKeepsHint:
            "A person moved by hand keeps their table when everyone is seated again (marked \"pinned\"). \"Release\" gives them back to the seating.",
        .pinnedTag: "pinned",
        .unpinButton: "release",
        .flashUnpinned: "Released: the next seating may move them.",
        .tableOverCapacity: "Table {number}: {count} people for {capacity} places.",
        .validationNotConfirmed: "Only people with a confirmed place can be seated.",
        .seatQuestionTitle: "What seating everyone will change",
        .seatQuestionPinned: "{count} pinned (moved by hand, or facilitators) keep their places.",
        .seatQuestionMovable: "{count} already seated may be moved.",
        .seatQuestionUnseated: "{count} without a seat will get a table.",
        .seatQuestionPinnedNames: "Who stays",
        .seatQuestionConfirm: "Seat everyone",
    ]
}
