/// Every string a person sees in the user interface, named by what it says.
/// The texts live in `Catalogue+Bulgarian.swift` and `Catalogue+English.swift`;
/// a test fails when a key lacks either language or their placeholders differ.
public enum TextKey: String, CaseIterable, Sendable {
    // Frame
    case appName, appTagline, skipToContent, footerText, languageName, switchLanguageTo, mainNavigation
    case navLibraries, navPartners, navServices, navPractices, navMeetings, navOutcomes
    case navNetwork, navDistricts, navMunicipalities, navSettlements, navPeople, navAudit, navUsers
    case signIn, signOut, signedInAs, breadcrumbs
    // Actions
    case save, cancel, edit, delete, confirmDelete, deleteQuestion, filter, clearFilters, back, add
    case search, searchByName, apply
    // Lists
    case allDistricts, allKinds, recordCount, pageOf, previousPage, nextPage, noRecords, sortAscending
    case sortDescending, pagination
    // Feedback
    case flashCreated, flashUpdated, flashDeleted, flashSignedIn, flashSignedOut, formHasErrors
    // Errors
    case errorNotFoundTitle, errorNotFoundBody, errorForbiddenTitle, errorForbiddenBody, errorCSRF
    case errorServerTitle, errorServerBody, errorBusyTitle, errorBusyBody, errorBadRequest, errorUnauthorized
    // Validation
    case validationRequired, validationTooLong, validationControlCharacters, validationDuplicateKey, validationInteger, validationNegative,
        validationDate
    case validationEmail, validationURL, validationPhone, validationOption, validationConsentForContacts
    case validationNotYourDistrict, validationUnknownReference
    case validationDateInFuture
    // Delete refused
    case deleteRefused, refSettlements, refLibraries, refPartners, refPeople, refUsers, refServices
    // Entities
    case districts, district, municipalities, municipality, settlements, settlement, libraries, library
    case partners, partner, people, person
    case newMunicipality, newSettlement, newLibrary, newPartner, newPerson
    case editRecord
    // Fields
    case fieldName, fieldFullName, fieldKind, fieldCode, fieldNameBG, fieldNameEN, fieldDistrict
    case fieldMunicipality, fieldSettlement, fieldPopulation, fieldSettlementKind, fieldChitalishteName
    case fieldNetworkMemberSince, fieldAddress, fieldEmail, fieldPhone, fieldWebsite, fieldNotes
    case fieldNetworkRole, fieldPosition, fieldOrganisation, fieldLibrary, fieldPartnerOrganisation
    case fieldConsent, fieldConsentRecordedAt, fieldContactPerson, fieldPassword, fieldRole
    case hintChitalishteName, hintConsent, hintDate, hintPopulation, hintDistrictFromSettlement
    case noneSelected, notKnown
    // Kinds
    case libraryKindRegional, libraryKindMunicipal, libraryKindChitalishte, libraryKindSchool, libraryKindOther
    case partnerKindLocalAuthority, partnerKindSchool, partnerKindNGO, partnerKindMuseum
    case partnerKindLabourOffice, partnerKindAgricultureOffice, partnerKindPensionersClub
    case partnerKindYouthCentre, partnerKindMedia, partnerKindBusiness, partnerKindChurch
    case partnerKindHealthService, partnerKindVolunteerOrganisation, partnerKindOther
    case roleLibrarian, roleChitalishteSecretary, roleMunicipalOfficial, roleNGO, roleBusiness
    case roleCulturalInstitute, roleProgrammeStaff, roleVolunteer, roleOther
    case settlementKindTown, settlementKindVillage
    case userRoleAdmin, userRoleCoordinator, userRoleLibrarian, userRolePartner
    // Sign-in
    case loginTitle, loginButton, loginFailed, loginThrottled
    // Audit log
    case auditTitle, auditWhen, auditWho, auditAction, auditRecord, auditChanges, auditSystem
    case auditActionCreate, auditActionUpdate, auditActionDelete, auditActionSignIn, auditActionSignInFailed
    case auditActionTokenCreate, auditActionTokenRevoke, auditAllRecords
    // Users
    case usersTitle
    // Pages
    case homeTitle, homeIntro, homeNetworkFigures, homeRegistryIntro
    case contactsHidden, peopleRequireSignIn, recordDetails, relatedLibraries
    case relatedPeople, relatedPartners, relatedSettlements, lastChanged, historyOfRecord
    // Smart chart: choices
    case targetChildren, targetPupils, targetYoungPeople, targetPensioners, targetUnemployed
    case targetPeopleWithDisabilities, targetMinorities, targetFarmers, targetBusiness, targetWomenAtRisk
    case targetLocalCommunity, targetOther
    case statusIdea, statusPlanned, statusRunning, statusCompleted, statusEvaluated
    case visibilityLibraries, visibilityDistrict, visibilityPublic
    case innovationNewService, innovationNewTargetGroup, innovationNewPartnership, innovationNewTechnology
    case fundingOwnBudget, fundingMunicipality, fundingPartner, fundingDonation, fundingProjectGrant
    case fundingVolunteerWork
    case channelWebsite, channelSocialNetworks, channelLocalMedia, channelPostersAndLeaflets, channelEvents
    case channelPartnerChannels, channelWordOfMouth
    case resourceRoom, resourceTrainedStaff, resourceProgrammeEquipment, resourceInternet, resourceCollection
    case unitPeople, unitPercent, unitMoney, unitHours, unitEvents, unitOther
    // Smart chart: blocks and fields
    case blockBasics, blockTarget, blockService, blockResources, blockBudget, blockPartners, blockChannels
    case blockActivities, blockEffect
    case fieldTitle, fieldSummary, fieldStatus, fieldVisibility, fieldInnovations, fieldTargetCategory
    case fieldTargetDescription, fieldExpectedReach, fieldNeeds, fieldService, fieldGoal, fieldExistingResources
    case fieldExistingNotes, fieldNeededResources, fieldItem, fieldQuantity, fieldUnitCost, fieldFundingSource
    case fieldPartnerRole, fieldChannels, fieldChannelNotes, fieldActivity, fieldStart, fieldEnd, fieldResponsible
    case fieldSocialEffect, fieldEconomicEffect, fieldIndicator, fieldUnit, fieldBaseline, fieldTarget
    case fieldExpectedResults, fundingUndecided, fieldPeriod, fieldActual, fieldCurrency, fieldAmount, fieldRegistryPartner,
        fieldPartnerKind
    case diffRowLabel
    // Smart chart: validation
    case validationNumber, validationMoney, validationDesignNeedsLibrary, validationPositive, validationTooLarge
    case validationEndBeforeStart, validationPercent, validationRequiredForPlanned, validationNeedsActivity
    case validationNeedsIndicator, validationRequiredForEvaluated, validationStatusNeedsBlocks
    // Smart chart: pages
    case servicesTitle
    case servicesIntro
    case newService
    case newServiceIntro
    case allStatuses
    case allTargetGroups
    case budgetBySource
    case budgetTotal
    case totalInCurrency
    case chartEmptyBlock
    case chartLabel
    case conflictTitle
    case conflictBody
    case editBlockTitle
    case flashMerged
    case flashRestored
    case hintBudget
    case hintIndicators
    case hintPartners
    case hintNeeds
    case hintStatus
    case hintVisibility
    case hintVulnerableGroup
    case historyTitle
    case historyCompare
    case historyComparison
    case historyFrom
    case historyTo
    case historyNoChanges
    case historyRestore
    case historyRestoredFrom
    case historyCreated
    case historyVersion
    case historyWhat
    case indicatorsTitle
    case addRow
    case removeRow
    case moveRowUp
    case moveRowDown
    case findPartner
    case hintFindPartner
    case valueRemoved
    case versionNumber
    // Smart chart: output
    case leafletForWhom
    case leafletWhatWeOffer
    case leafletWhatYouGet
    case leafletWhenAndHow
    case leafletComeIn
    case leafletContact
    case leafletTogetherWith
    case leafletTitle
    case leafletEdit, leafletEditIntro, leafletHeading, leafletTagline, leafletHours, leafletContactNote, leafletPhoto, leafletPhotoAlt
    case downloadWord, indicatorChartTitle, participantsByDistrictTitle, refPartnerships, partnershipsAll
    case periodFrom, periodUntil, partnershipStatusLabel, partnershipWhat
    case partnershipsTitle, partnershipsLead, partnershipNew, partnershipEdit, partnershipDue, partnershipNothingDue, partnershipFollowUp,
        partnershipEnding, partnershipOverdue, partnershipContributions, partnershipInteractions, partnershipAddContribution,
        partnershipAddInteraction, partnershipNone, partnershipNoContributions, partnershipNoInteractions, partnershipCash, partnershipGift,
        partnershipGeneral, fieldPartnershipRoles, fieldLibraryContact, fieldPartnerContact, fieldReceivedOn, fieldInKind,
        fieldEstimatedValue, fieldContributionAmount, fieldInteractionOn, fieldInteractionKind, fieldInteractionNote, fieldFollowUpOn,
        fieldPartnershipDesign, hintContributionAmount, hintContributionDesign, partnerFundingTitle, partnerFundingLeft,
        flashPartnershipSaved, flashContributionSaved, flashInteractionSaved
    case fieldVolunteerHours, hintVolunteerHours, volunteerHours, partnershipVolunteerWork, validationVolunteerWork,
        validationHoursNotCash, hoursShort
    case contributionDelete, interactionDelete, flashContributionDeleted, flashInteractionDeleted, columnActions
    case agreementEdit, agreementEditTitle, flashAgreementChanged, validationWeightRange
    case contributionEdit, contributionEditTitle, interactionEdit, interactionEditTitle, flashContributionChanged, flashInteractionChanged
    case apiExpectedDate, apiExpectedTime, apiExpectedDecimal, apiExpectedBoolean, apiExpectedText, apiExpectedList,
        apiExpectedObject, apiNotNull
    case hintFindPartnerLibraries
    case followUpMailBody
    case followUpMailSubject
    case libraryPartnershipsEnded
    case libraryPartnershipsProposed
    case libraryPartnershipsPaused
    case libraryPartnershipsActive
    case validationChooseFileAgain
    case csvPartnershipNumber
    case csvNumber
    case agreementMemorandum, agreementContract, agreementLetterOfSupport, validationRenewAfterEnd, partnershipAgreements,
        partnershipNoAgreements, partnershipAddAgreement, fieldAgreementKind, fieldAgreementTitle, fieldSignedOn, fieldValidUntil,
        fieldRenewOn, fieldSignedFile, hintSignedFile, hintRenewOn, partnershipRenewal, agreementNoFile, agreementUploadFile,
        flashAgreementSaved, flashAgreementDeleted, agreementDelete, agreementMailSubject, agreementMailBody, agreementMailUntil
    case networkTitle, networkLead, networkLeadDistrict, networkByKind, networkByDistrict, networkPerYear, networkShared, networkLapsed,
        hintUserPartner, timelineTitle, timelineBegan, timelineEnded, timelineSigned, timelineContribution, partnerDesignsTitle,
        partnerDistrictsTitle, partnershipsCSV, partnershipContributionsCSV, suggestionsTitle, suggestionsHint, suggestionSameKind,
        suggestionNearby, suggestionWorkedOn, suggestionAdd,
        networkNoneShared,
        networkNoneLapsed, networkNoContributions, networkStillRunning, networkYear,
        networkTotal, networkNone, networkLink
    case partnershipRoleFunding, partnershipRoleImplementing, partnershipRoleInKind, partnershipRoleVenue, partnershipRoleMedia,
        partnershipRoleVolunteers, partnershipRoleAccountable, partnershipStatusProposed, partnershipStatusActive, partnershipStatusPaused,
        partnershipStatusEnded, interactionMeeting, interactionCall, interactionLetter, interactionEmail, interactionVisit,
        validationCashOrInKind
    case auditActionPasswordResetRequest, auditActionPasswordReset, forgotPasswordLink, forgotPasswordTitle, forgotPasswordIntro
    case forgotPasswordButton, forgotPasswordSent, resetPasswordTitle, resetPasswordIntro, resetPasswordButton, resetPasswordExpired
    case resetPasswordAgain, resetMailSubject, resetMailBody, flashPasswordReset, validationTooManyResets
    case leafletLinesHint, leafletPhotoHint, leafletNoPhotos, flashLeafletSaved
    case leafletHelp
    case leafletOutside
    case leafletInside
    case printChart
    case diagramSVG
    case printButton
    case fieldAddToRegistry
    // Accounts and personal data
    case validationRequiredForRole
    case validationPasswordTooShort
    case validationPasswordIsEmail
    case validationPasswordsDiffer
    case validationEmailTaken
    case validationCurrentPasswordWrong
    case accountTitle
    case accountDetails
    case accountLanguage
    case accountPasswordTitle
    case fieldCurrentPassword
    case fieldNewPassword
    case fieldPasswordConfirmation
    case accountSessionsTitle
    case accountSessionsIntro
    case tokenKindSession
    case tokenKindAPI
    case tokenCreated
    case tokenExpires
    case tokenThisSession
    case tokenRevoke
    case accountExportTitle
    case accountExportIntro
    case accountExportButton
    case flashPasswordChanged
    case flashTokenRevoked
    case flashLanguageSaved
    case newUser
    case flashUserErased
    case eraseUser
    case eraseUserQuestion
    case erasedUser
    case erasedRecord
    case cannotEraseSelf
    case personExport
    case personEraseNote
    case auditActionPasswordChange
    case auditActionErase
    case hintUserDistrict
    case hintUserLibrary
    case hintPassword
    case townName
    case villageName
    case homeLatestServices
    case homeAllServices
    case searchServices
    case facetYear
    case facetBudgetNone
    case facetBudgetUpTo
    case facetBudgetBetween
    case facetBudgetOver
    case facetsTitle
    case facetRemove
    case similarServices
    case similarPractices
    case similarIsPractice
    case didYouMean
    // Good practices
    case validationPublishNeedsRunning
    case practiceTitle
    case practicePublish
    case practiceUnpublish
    case practiceWhatWorked
    case practiceWhatDidNot
    case practicePublishedOn
    case practiceAdopt
    case practiceAdoptedFrom
    case practiceAdoptions
    case practiceAdoptionsOne
    case practiceNoAdoptions
    case practicesIntro
    case flashPublished
    case flashUnpublished
    case flashAdopted
    case practiceAdoptIntro
    case practiceResults
    // Meetings (texts in Catalogue+Meetings.swift)
    case meetingStatusPlanned, meetingStatusRegistration, meetingStatusHeld, meetingStatusReported
    case validationMeetingTooLong, validationNotMeetingDay, validationTime, validationTableNumberTaken
    case agendaKindWelcome, agendaKindPresentation, agendaKindDiscussion, agendaKindGroupWork, agendaKindBreak
    case agendaChair
    case importEmptyFile, importMissingColumn, importTooManyRows, importUnknownDistrict, importUnknownRole
    case importYesNo, importUnknownTable, importDuplicate
    case feedbackKindSingle, feedbackKindMultiple, feedbackKindRating, feedbackKindText
    case validationTwoOptions, validationTooManyOptions, validationEmptyResponse
    case reportInPlace, reportIntro, reportParticipants, reportByDistrict, reportGuests, reportOrganisers, reportHost
    case reportProgramme, reportGroupWork, reportGroupWorkIntro, reportTable, reportNoResult, reportFeedback
    case reportResponses, reportAverage
    case agendaAddItem, agendaAddSession, agendaAffiliation, agendaDay, agendaEditSession, agendaEmpty, agendaEnds
    case agendaStarts, agendaRecordPractice, agendaPracticeLink, agendaSpeaker, badgeTable, feedbackAnonymous
    case feedbackAnswered, feedbackAsTable, feedbackAverage, feedbackCSV, feedbackChooseAny, feedbackClosed
    case feedbackClosedNotice, feedbackIntro, feedbackLink, feedbackMoreRows, feedbackNewForm, feedbackNone
    case feedbackOpen, feedbackOpenField, feedbackOptions, feedbackPaper, feedbackPaperHint, feedbackPrompt
    case feedbackQuestionNumber, feedbackRatingHint, feedbackResponseNumber, feedbackResponsesCount, feedbackResults
    case feedbackSend, feedbackThanks, flagSize, flagSingleDistrict, flagDistrict, flagRole, flagOrganisation
    case flagWishes, flashImported, flashMoved, flashPresentationRecorded, flashReportPublished
    case flashReportRegenerated, flashResponseSaved, flashSeated, flashTableResult, hintCapacity, hintFeedbackOptions
    case hintMeetingDistricts, hintMeetingOrganisers, hintMeetingSeries, hintParticipantEmail, hintParticipantNeeds
    case hintParticipantWants, hintPinned, hintParticipantRegistry, hintReportMarkdown, hintSpeaker, hintTime, importAnother, importCheck
    case importColumn, importEncoding, importFile, importIgnoredColumns, importIntro, importPaste, importProblem
    case importReportTitle, importRow, importSummary, importValidRows, meetingCalendarFile, meetingDates
    case meetingDesignsCount, meetingStarts, meetingEnds, meetingHost, meetingOrganisers, meetingParticipantsCount
    case meetingParticipantsTotal, meetingPlace, meetingPrintProgramme, meetingProgrammeTitle, meetingReadReport
    case meetingRegistrationClosed, meetingRegistrationHint, meetingRegistrationLink, meetingResponsesCount
    case meetingSections, meetingSeries, meetingSeriesIntro, meetingSeriesTitle, meetingTabFeedback
    case meetingTabOverview, meetingTabParticipants, meetingTabProgramme, meetingTabReport, meetingTabTables
    case meetingTablesCount, meetingTheme, meetingVenue, meetingsIntro, meetingsTitle, moveButton, moveWhere, moveWho
    case newMeeting, no, yes, participantAdd, participantConsentListed, participantConsentPhoto
    case participantConsentShort, participantNeeds, participantPinned, participantPlaceholder, participantRemove
    case participantRemoveHint, participantTable, participantWants, participantsBadges, participantsByDistrict
    case participantsByRole, participantsExport, participantsImport, presentationSummary, registerPrivacy
    case registerThanks, registerTitle, reportEditTitle, reportEdited, reportGenerated, reportMarkdown
    case reportNotPublished, reportPublish, reportPublishedOn, reportRegenerate, reportText, reportUnpublish
    case seatEveryone, seatHint, seatPenalty, seatedCount, seatingNegativeCapacity, seatingNoParticipants
    case seatingBusy, seatingNoTables, seatingNotEnoughSeats, seatingRefused, seatingTooManyPinned, seatingUnknownPin, tableAdd
    case tableCapacity, tableDelete, tableHeading, tableNumber, tablePeople, tableResultOpen, tableResultStart
    case tableResultSummary, tableSize, tablesEmpty, validationMeetingNeedsOrganiser, validationOwnLibraryOrganises
    case designFromMeeting
    case designPresentedAt
    case attachmentTooLarge, attachmentKind, attachmentExtension, attachmentsTitle, attachmentUpload, attachmentHint, attachmentNone,
        attachmentSlides, flashUploaded
    case tableDeleteQuestion
    case feedbackAverageShort, feedbackAnsweredShort, seriesFeedbackTitle, seriesFeedbackHint
    case seatingDuplicateTable, seatingDuplicateParticipant
    case practiceComparison, practiceOriginal, practiceNoResultsYet
    case searchCapped
    case flashChoosePerson
    case flashMeetingNeedsOrganiser
    case recordCountAtLeast, listCapped
    case searchElsewhere, searchElsewhereAtLeast, searchElsewhereLink, searchHint
    // Outcomes and mail (texts in Catalogue+Outcomes.swift)
    case areaDigitalSkills, areaLearning, areaReading, areaHealth, areaEmployment, areaCivicLife, areaCulture, areaInclusion
    case surveyImmediate, surveyFollowUp
    case itemLearned, itemConfident, itemIntend, itemAware, itemApplied, itemChanged, itemUsedMore
    case itemLearnedShort, itemConfidentShort, itemIntendShort, itemAwareShort, itemAppliedShort, itemChangedShort, itemUsedMoreShort
    case openLiked, openImprove
    case scaleStronglyDisagree, scaleDisagree, scaleNeither, scaleAgree, scaleStronglyAgree
    case ageUnder18, age18to29, age30to44, age45to64, age65plus, genderWoman, genderMan, genderOther
    case validationTooManyQuestions, validationBetween, validationFollowUpConsent, validationMeasureNeedsPlanned
    case channelWeb, channelPaper
    case mailFollowUpSubject, mailFollowUpBody
    case outcomesServiceTitle, outcomesIntro, outcomesSetUp, outcomesNoSurveys, outcomesNotYet, outcomesAnswers, outcomesExamples
    case outcomesLink, outcomesQR, outcomesPoster, outcomesPaperForm, outcomesTypeIn, outcomesSettings, outcomesCSV, outcomesResultsCSV
    case outcomesSeriesService, outcomesSeriesDistrict, outcomesSeriesNetwork, outcomesSuppressionNote
    case outcomesProfileTitle, outcomesProfileHidden, outcomesAreas, outcomesNoAreas, outcomesContactsWaiting
    case outcomesOpenField, outcomesClosesOn, outcomesFollowUpWeeks, hintFollowUpWeeks, outcomesOwnQuestions, hintOwnQuestions
    case outcomesStandardItems, outcomesClosedOn, outcomesFollowUpSends, outcomesItem
    case surveyIntro, surveyAboutYou, surveyAboutYouHint, surveyAge, surveyGender, surveyFirstVisit, surveyFollowUpTitle
    case surveyFollowUpEmail, surveyFollowUpConsent, surveyThanks, surveyClosed, surveyAlreadyRecorded, surveyThrottled
    case surveyNoAnswer, surveyHoneypot, surveyLeaveEmpty
    case paperInstructions, entryTitle, entryHint, entrySaved
    case posterHeading, posterScan, posterMinutes
    case dashboardTitle, dashboardIntro, dashboardNetwork, dashboardServicesMeasured, dashboardAnswers, dashboardAreasCovered
    case dashboardLibraries, dashboardRunning, dashboardResultsDue, dashboardByDistrict, dashboardServices, dashboardNoAnswers,
        dashboardShow
    case navMail, mailTitle, mailOffNotice, mailOnNotice, mailStatusWaiting, mailStatusSending, mailStatusSent, mailStatusFailed
    case mailRecipient, mailSubject, mailStatus, mailAttempts, mailLastError, mailCreated, mailSentAt, mailRetry, mailNone
    case mailNextAttempt, mailAll, flashMailRetried, mailKind
    case practiceEvidence, practiceEvidenceAdopters, practiceEvidenceNone
    case validationAreaExists, areasTitle, areasIntro, areasStandard, areasAdded, areasAdd, fieldNameBGArea, fieldNameENArea
    case directionIncrease, directionDecrease, directionKeep, resultSubmitted, resultApproved, resultReturned
    case periodRunning, periodDue, periodOverdue, periodsTitle, periodAdd, periodIndicator, periodStarts, periodEnds, periodTarget
    case periodDirection, periodValue, periodNote, periodEnter, periodApprove, periodReturn, periodReviewComment, periodNone
    case periodEnteredBy, periodReviewedBy, periodState, periodReview, periodsDueTitle, periodsDueNone, hintPeriodNote
    case flashResultSubmitted, flashResultApproved, flashResultReturned, validationResultLocked
    case csvAnswerDate, csvChannel, csvExample, mailKindFollowUp
    // Meetings on the day and after (texts in Catalogue+Attendance.swift)
    case capacityLine, capacityNone, certificateAttended, certificateCertifies, certificateHours, certificateHoursValue
    case certificateNotAttended, certificateOpen, certificateSerial, certificateTitle, certificateVerifyAt, certificatesHint
    case certificatesNone, certificatesTitle, checkInAllPresent, checkInBackToList, checkInButton, checkInCount
    case checkInNotConfirmed, checkInPresentSince, checkInSearch, checkInSession, checkInSessionHint, checkInSessionQuestion
    case checkInSessionTitle, checkInUndo, flashAfterQueued, flashAlreadyCheckedIn, flashCheckInUndone, flashCheckedIn
    case flashNotConfirmed, flashSessionPresent, flashUnpinned, flashWithdrawn, hintMeetingCapacity, hintReminderDays
    case mailAfterBody, mailAfterSubject, mailConfirmationBody, mailConfirmationSubject, mailKindAfter, mailKindConfirmation
    case mailKindPromoted, mailKindReminder, mailKindWaiting, mailNoCertificate, mailNoFeedback, mailNoProgramme
    case mailPromotedBody, mailPromotedSubject, mailReminderBody, mailReminderSubject, mailWaitingBody, mailWaitingSubject
    case meetingCapacity, meetingEndsAt, meetingFromTime, meetingReminderDays, meetingStartsAt, meetingTabActions
    case meetingTabCheckIn, messagesAfterHint, messagesAfterQuestion, messagesIntro, messagesSendAfter, messagesTitle
    case moveKeepsHint, personalConfirmed, personalKeepLink, personalNoEmail, personalWaiting, personalWithdrawn, pinnedTag
    case registrationConfirmed, registrationStatus, registrationWaiting, registrationWaitingNumber, registrationWithdrawn
    case seatQuestionConfirm, seatQuestionMovable, seatQuestionPinned, seatQuestionPinnedNames, seatQuestionTitle
    case seatQuestionUnseated, tableOverCapacity, unpinButton, validationNotConfirmed, verifyButton, verifyNotFound, verifyTitle
    case verifyValid, waitingLine, withdrawButton, withdrawHint, withdrawOrganiserQuestion, withdrawQuestion
    case actionKind, actionText, actionItem, actionTable, actionOwner, actionOwnerName, actionDue, actionStatus, actionDesign,
        actionPartner, actionsDecisions, actionsOpen, actionsClosed, actionsAdd
    case actionsNone, actionKindDecision, actionKindAction, actionStatusOpen, actionStatusDone, actionStatusDropped, validationActionOwner,
        hintActionOwner, actionOverdue, homeMyActions, reportDecisions, reportOpenActions, reportAttendance
    case reportMarkReported, reportMarkReportedWarning
    case feedbackRequired, feedbackPosition, hintFeedbackPosition, feedbackAddQuestion, feedbackRequiredMark, validationAnswerRequired
    case feedbackMoveUp, feedbackMoveDown
    case tableCards
    case reportTranslatedNote, reportOriginal
    case sessionCapacity, hintSessionCapacity, sessionChoose, hintSessionChoose, sessionFreePlaces, sessionFull, sessionLeave
    case sessionLine, mailKindSessionPromoted, mailSessionPromotedSubject, mailSessionPromotedBody
    case historyRestoreQuestion, historyRestoreCompare
    case validationTooSmall, validationRepeated, errorMethodNotAllowed, registerThrottled, attachmentBroken, attachmentArchiveTooLarge,
        conflictMeetingChanged, conflictRecordChanged
    case startTitle, startLead, startWaiting, startNothingWaits, startMyServices, startNoServices, startBlocksFilled, startNextStage,
        startReadyFor, startLastStage, startMyMeetings, startNoMeetings, startEnterResult, startReviewResult, startShownServices,
        startDistrictServices,
        startNetwork, historyField
}
